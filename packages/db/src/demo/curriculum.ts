import {
  type CourseType,
  checkPlan,
  type Major,
  type PlanRules,
  type PlanStage,
  placement,
  planRules,
  planStageOf,
} from '@onex/core';
import type { CourseDomain } from './places.ts';
import type { Rng } from './rng.ts';

/**
 * Programme plans that follow 教职成〔2019〕13号 (DOMAIN.md §4.1): 16–18 class hours per credit;
 * ≥ 2,500 hours for 高职 and ≥ 3,000 for 中职; public foundation courses ≥ 1/4 of the hours
 * (about 1/3 for 中职); electives ≥ 10 %; practical teaching ≥ 50 %; 6–8 professional core
 * courses; a placement (岗位实习) of about six months. `buildCurriculum` draws a plan and then
 * tops hours up until every rule holds; `curriculumProblems` checks a plan against the rules.
 */

/** Education stage of a programme, from its major's catalogue level (core's `PlanStage`). */
export type Stage = PlanStage;

export function stageOf(major: Pick<Major, 'level'>): Stage {
  return planStageOf(major.level);
}

export interface PlannedCourse {
  code: string;
  nameZh: string;
  nameEn: string;
  hours: number;
  practiceHours: number;
  type: CourseType;
  semester: number;
}

/** The rules of 教职成〔2019〕13号 live in core (`planRules`, `checkPlan`); the demo reuses them. */
export type StageRules = PlanRules;
export const stageRules: Record<Stage, StageRules> = planRules;

/** The placement: about six months (24 weeks × 25 hours). */
export { placement };

// ---------------------------------------------------------------------------------------------
// Vocabulary. Each entry is `中文|English`.

type Pair = string;
const split = (p: Pair): [string, string] => {
  const [zh, en] = p.split('|');
  return [zh!, en ?? zh!];
};

/** [name, hours, practice hours, semester] of the public foundation courses (公共基础课). */
const publicHigher: readonly (readonly [Pair, number, number, number])[] = [
  ['思想道德与法治|Ethics and the Rule of Law', 48, 8, 1],
  [
    '毛泽东思想和中国特色社会主义理论体系概论|Introduction to Mao Zedong Thought and Socialism with Chinese Characteristics',
    32,
    4,
    2,
  ],
  [
    '习近平新时代中国特色社会主义思想概论|Introduction to Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era',
    48,
    8,
    3,
  ],
  ['形势与政策|Current Affairs and Policy', 32, 0, 1],
  ['大学英语|College English', 128, 32, 1],
  ['体育|Physical Education', 108, 96, 1],
  ['信息技术|Information Technology', 48, 24, 1],
  ['大学生心理健康教育|Mental Health Education', 32, 8, 1],
  ['军事理论与军事技能|Military Theory and Training', 148, 112, 1],
  ['职业发展与就业指导|Career Development and Employment Guidance', 38, 10, 2],
];
const publicHigherExtra: Record<'math' | 'chinese', readonly [Pair, number, number, number]> = {
  math: ['高等数学|Applied Higher Mathematics', 64, 0, 1],
  chinese: ['大学语文|College Chinese', 32, 0, 2],
};
const publicBachelorExtra: readonly (readonly [Pair, number, number, number])[] = [
  ['线性代数与概率统计|Linear Algebra, Probability and Statistics', 48, 0, 3],
];
const publicSecondary: readonly (readonly [Pair, number, number, number])[] = [
  ['中国特色社会主义|Socialism with Chinese Characteristics', 36, 0, 1],
  ['心理健康与职业生涯|Mental Health and Career Planning', 36, 6, 2],
  ['哲学与人生|Philosophy and Life', 36, 0, 3],
  ['职业道德与法治|Professional Ethics and the Rule of Law', 36, 4, 4],
  ['语文|Chinese', 198, 20, 1],
  ['数学|Mathematics', 144, 0, 1],
  ['英语|English', 144, 20, 1],
  ['信息技术|Information Technology', 108, 54, 1],
  ['体育与健康|Physical Education and Health', 144, 126, 1],
  ['历史|History', 72, 0, 2],
  ['艺术|Art', 36, 18, 3],
  ['劳动教育|Labour Education', 18, 18, 2],
];

interface DomainCourses {
  foundation: readonly Pair[];
  core: readonly Pair[];
  electives: readonly Pair[];
  /** The integrated training (综合实训) of the domain. */
  training: Pair;
}

const software: readonly Pair[] = [
  'Java 程序设计|Java Programming',
  'Python 程序设计|Python Programming',
  'JavaScript 前端开发|JavaScript Front-End Development',
  'Web 前端框架（Vue.js）|Web Front-End Frameworks (Vue.js)',
  'MySQL 数据库应用|MySQL Database Applications',
  'Web 应用开发（Spring Boot）|Web Application Development (Spring Boot)',
  '软件测试技术|Software Testing',
  '移动应用开发|Mobile Application Development',
  '软件工程与项目管理|Software Engineering and Project Management',
];

const domains: Record<CourseDomain, DomainCourses> = {
  computing: {
    foundation: [
      '程序设计基础（C 语言）|Programming Fundamentals (C)',
      '计算机网络基础|Computer Network Fundamentals',
      '数据库原理与应用|Database Principles and Applications',
      'Linux 操作系统|Linux Operating System',
      '网页设计基础（HTML5+CSS3）|Web Design Fundamentals (HTML5 and CSS3)',
      '计算机组成与维护|Computer Organisation and Maintenance',
    ],
    core: software,
    electives: [
      '人工智能导论|Introduction to Artificial Intelligence',
      '信创操作系统应用|Domestic Operating Systems in Practice',
      'Git 版本控制|Version Control with Git',
      '鸿蒙应用开发基础|HarmonyOS App Development Basics',
      '软件需求分析|Software Requirements Analysis',
      '小程序开发|Mini-Program Development',
      'IT 技术英语|Technical English for IT',
    ],
    training: '软件项目综合实训|Integrated Software Project Training',
  },
  electronics: {
    foundation: [
      '电路分析基础|Circuit Analysis',
      '模拟电子技术|Analog Electronics',
      '数字电子技术|Digital Electronics',
      'C 语言程序设计|C Programming',
      '传感器与检测技术|Sensors and Measurement',
      '电工电子技术|Electrical and Electronic Technology',
    ],
    core: [
      '单片机应用技术|Microcontroller Applications',
      '嵌入式系统开发|Embedded Systems Development',
      '物联网通信技术|IoT Communication Technologies',
      '传感网应用开发|Sensor Network Application Development',
      '物联网平台应用|IoT Platform Applications',
      '电子产品设计与制作|Electronic Product Design and Making',
      'PCB 设计与制作|PCB Design and Making',
      '智能家居系统集成|Smart Home System Integration',
      '无线传感网络技术|Wireless Sensor Networks',
    ],
    electives: [
      'Python 程序设计|Python Programming',
      '工业互联网概论|Introduction to the Industrial Internet',
      '智能硬件开发|Smart Hardware Development',
      '电子产品营销|Electronics Marketing',
      '技术文档写作|Technical Writing',
      '人工智能导论|Introduction to Artificial Intelligence',
    ],
    training: '物联网系统综合实训|Integrated IoT System Training',
  },
  mechanical: {
    foundation: [
      '机械制图|Mechanical Drawing',
      '工程力学|Engineering Mechanics',
      '机械设计基础|Machine Design Fundamentals',
      '金属材料与热处理|Metal Materials and Heat Treatment',
      '公差配合与测量技术|Tolerances and Measurement',
      '电工电子技术|Electrical and Electronic Technology',
    ],
    core: [
      '机械制造技术|Manufacturing Technology',
      '数控加工编程与操作|CNC Programming and Operation',
      '计算机辅助设计与制造（CAD/CAM）|CAD/CAM',
      '液压与气动技术|Hydraulics and Pneumatics',
      '焊接方法与设备|Welding Methods and Equipment',
      '焊接结构生产|Welded Structure Production',
      '焊接质量检验|Welding Inspection',
      '特种焊接技术|Special Welding Technology',
      '机械产品质量检测|Mechanical Product Inspection',
      '智能制造概论|Introduction to Smart Manufacturing',
    ],
    electives: [
      '三维建模（SolidWorks）|3D Modelling (SolidWorks)',
      '工业机器人基础|Industrial Robot Basics',
      '精益生产管理|Lean Production',
      '增材制造技术|Additive Manufacturing',
      '安全生产与环境保护|Production Safety and Environmental Protection',
      '机械专业英语|English for Mechanical Engineering',
    ],
    training: '金工实习与综合实训|Metalworking Practice and Integrated Training',
  },
  automation: {
    foundation: [
      '机械制图与 CAD|Mechanical Drawing and CAD',
      '电工技术|Electrical Technology',
      '电子技术|Electronics',
      '电机与电气控制|Electric Machines and Control',
      '机械基础|Mechanical Basics',
      '传感器与检测技术|Sensors and Measurement',
    ],
    core: [
      'PLC 应用技术|PLC Applications',
      '工业机器人操作与编程|Industrial Robot Operation and Programming',
      '工业机器人系统集成|Industrial Robot System Integration',
      '液压与气动技术|Hydraulics and Pneumatics',
      '自动化生产线安装与调试|Automated Production Line Installation and Commissioning',
      '变频器与伺服驱动技术|Inverters and Servo Drives',
      '工业网络与组态技术|Industrial Networks and SCADA',
      '机器视觉技术|Machine Vision',
      '工业机器人离线编程与仿真|Robot Offline Programming and Simulation',
      '智能制造单元运维|Smart Manufacturing Cell Maintenance',
    ],
    electives: [
      '单片机应用技术|Microcontroller Applications',
      '供配电技术|Power Supply and Distribution',
      '工业互联网技术|Industrial Internet Technology',
      '数字孪生技术|Digital Twins',
      '设备管理与维护|Equipment Management and Maintenance',
      '自动化专业英语|English for Automation',
    ],
    training: '机电设备综合实训|Integrated Mechatronics Training',
  },
  automotive: {
    foundation: [
      '汽车机械基础|Automotive Mechanical Basics',
      '汽车电工电子技术|Automotive Electrics and Electronics',
      '汽车构造|Automobile Construction',
      '机械制图|Mechanical Drawing',
      '汽车文化|Automotive Culture',
      '汽车材料|Automotive Materials',
    ],
    core: [
      '汽车发动机构造与维修|Engine Construction and Repair',
      '汽车底盘构造与维修|Chassis Construction and Repair',
      '汽车电气设备构造与维修|Automotive Electrical Equipment Repair',
      '汽车故障诊断技术|Automotive Fault Diagnosis',
      '新能源汽车动力电池技术|EV Traction Battery Technology',
      '新能源汽车驱动电机技术|EV Drive Motor Technology',
      '汽车车身电控系统检修|Body Electronics Repair',
      '智能网联汽车技术|Intelligent Connected Vehicles',
      '汽车检测设备使用|Vehicle Testing Equipment',
      '汽车维修企业管理|Repair Shop Management',
    ],
    electives: [
      '汽车营销|Automotive Sales',
      '汽车保险与理赔|Motor Insurance and Claims',
      '二手车鉴定与评估|Used Car Appraisal',
      '汽车美容与装饰|Car Detailing',
      '汽车专业英语|Automotive English',
      '汽车售后服务|After-Sales Service',
    ],
    training: '汽车维修综合实训|Integrated Vehicle Repair Training',
  },
  construction: {
    foundation: [
      '建筑制图与识图|Construction Drawing',
      '建筑材料|Building Materials',
      '建筑构造|Building Construction Details',
      '建筑力学|Structural Mechanics',
      '建筑工程测量|Construction Surveying',
      '建筑 CAD|Architectural CAD',
    ],
    core: [
      '建筑施工技术|Construction Techniques',
      '建筑结构|Building Structures',
      '地基与基础|Foundations',
      '建筑工程计量与计价|Quantity Surveying and Pricing',
      '建筑施工组织与管理|Construction Organisation and Management',
      'BIM 建模技术|BIM Modelling',
      '建设工程监理|Construction Supervision',
      '建筑工程质量与安全管理|Quality and Safety Management',
      '建设工程招投标与合同管理|Tendering and Contract Management',
      '装配式建筑施工|Prefabricated Construction',
    ],
    electives: [
      '建筑设备|Building Services',
      '工程经济|Engineering Economics',
      '绿色建筑概论|Introduction to Green Building',
      '建设法规|Construction Law',
      '建筑装饰施工|Decoration Works',
      '建筑工程资料管理|Construction Documentation',
    ],
    training: '建筑工程综合实训|Integrated Construction Training',
  },
  nursing: {
    foundation: [
      '人体解剖学与组织胚胎学|Human Anatomy, Histology and Embryology',
      '生理学|Physiology',
      '病理学与病理生理学|Pathology and Pathophysiology',
      '药理学|Pharmacology',
      '病原生物与免疫学|Pathogen Biology and Immunology',
      '生物化学|Biochemistry',
    ],
    core: [
      '基础护理技术|Fundamental Nursing Skills',
      '健康评估|Health Assessment',
      '内科护理|Medical Nursing',
      '外科护理|Surgical Nursing',
      '妇产科护理|Obstetric and Gynaecological Nursing',
      '儿科护理|Paediatric Nursing',
      '急危重症护理|Emergency and Critical Care Nursing',
      '老年护理|Gerontological Nursing',
      '社区护理|Community Nursing',
    ],
    electives: [
      '护理心理学|Nursing Psychology',
      '护理伦理与法规|Nursing Ethics and Law',
      '康复护理|Rehabilitation Nursing',
      '中医护理|Traditional Chinese Medicine Nursing',
      '护理礼仪与人际沟通|Nursing Etiquette and Communication',
      '营养与膳食|Nutrition and Diet',
    ],
    training: '护理综合技能实训|Integrated Nursing Skills Training',
  },
  childcare: {
    foundation: [
      '婴幼儿生理与心理发展|Infant Physiology and Development',
      '婴幼儿卫生与保健|Infant Health and Hygiene',
      '婴幼儿营养与喂养|Infant Nutrition and Feeding',
      '学前教育学基础|Early Education Fundamentals',
      '托育机构政策法规|Childcare Policy and Regulation',
    ],
    core: [
      '婴幼儿照护|Infant Care',
      '婴幼儿回应性照护|Responsive Caregiving',
      '婴幼儿游戏活动设计与指导|Play Activity Design',
      '婴幼儿早期学习支持|Early Learning Support',
      '婴幼儿伤害预防与急救|Injury Prevention and First Aid',
      '托育机构运营与管理|Childcare Centre Management',
      '家庭教育指导|Parenting Guidance',
      '婴幼儿行为观察与评估|Behaviour Observation and Assessment',
      '母婴护理|Maternal and Infant Care',
    ],
    electives: [
      '儿歌与故事|Nursery Rhymes and Stories',
      '手工与环境创设|Handicraft and Environment Design',
      '音乐与律动|Music and Movement',
      '育婴员职业技能|Infant Carer Skills',
      '心理健康与沟通|Wellbeing and Communication',
      '儿童绘本阅读指导|Picture Book Reading',
    ],
    training: '托育服务综合实训|Integrated Childcare Training',
  },
  eldercare: {
    foundation: [
      '老年人生理与心理|Physiology and Psychology of Older People',
      '老年服务伦理与礼仪|Ethics and Etiquette in Elderly Services',
      '基础医学知识|Basic Medicine',
      '老年人营养与膳食|Nutrition for Older People',
      '社会工作基础|Social Work Basics',
      '养老政策法规|Elderly Care Policy and Law',
    ],
    core: [
      '老年人照护技术|Elderly Care Techniques',
      '老年人能力评估|Ability Assessment of Older People',
      '失智老年人照护|Dementia Care',
      '老年康复护理|Geriatric Rehabilitation',
      '老年人活动策划与组织|Activity Planning for Older People',
      '智慧养老平台应用|Smart Elderly Care Platforms',
      '养老机构运营与管理|Care Home Operation and Management',
      '老年心理慰藉|Psychological Support for Older People',
      '安宁疗护|Hospice and Palliative Care',
      '家政服务技能|Housekeeping Services',
    ],
    electives: [
      '中医养生保健|Traditional Chinese Health Preservation',
      '老年人急救技术|First Aid for Older People',
      '适老化环境设计|Age-Friendly Environment Design',
      '社区居家养老服务|Community and Home Care Services',
      '沟通技巧|Communication Skills',
      '健康管理|Health Management',
    ],
    training: '养老服务综合实训|Integrated Elderly Services Training',
  },
  finance: {
    foundation: [
      '基础会计|Basic Accounting',
      '经济学基础|Principles of Economics',
      '财经法规与会计职业道德|Financial Regulations and Professional Ethics',
      '统计基础|Basic Statistics',
      '管理学基础|Principles of Management',
      'Excel 在财务中的应用|Excel for Finance',
    ],
    core: [
      '财务会计|Financial Accounting',
      '成本核算与管理|Cost Accounting and Management',
      '税费计算与申报|Tax Calculation and Filing',
      '财务管理|Financial Management',
      '管理会计|Management Accounting',
      '审计基础与实务|Auditing',
      '智能财税|Intelligent Finance and Taxation',
      '财务大数据分析|Financial Big Data Analysis',
      '会计信息系统应用|Accounting Information Systems',
      '出纳实务|Cashier Practice',
    ],
    electives: [
      'Python 财务应用|Python for Finance',
      '纳税筹划|Tax Planning',
      '经济法|Economic Law',
      '金融基础|Basic Finance',
      '商务沟通|Business Communication',
      '业财一体化|Business-Finance Integration',
    ],
    training: '会计综合实训|Integrated Accounting Training',
  },
  ecommerce: {
    foundation: [
      '电子商务基础|E-Commerce Fundamentals',
      '市场营销|Marketing',
      '管理学基础|Principles of Management',
      '消费者行为分析|Consumer Behaviour',
      '商品拍摄与图片处理|Product Photography and Image Editing',
      '经济学基础|Principles of Economics',
    ],
    core: [
      '网店运营|Online Store Operation',
      '网络营销|Online Marketing',
      '电子商务数据分析|E-Commerce Data Analysis',
      '直播电商|Live-Stream Commerce',
      '新媒体营销|New Media Marketing',
      '视觉营销设计|Visual Merchandising Design',
      '客户关系管理|Customer Relationship Management',
      '跨境电商实务|Cross-Border E-Commerce Practice',
      '电子商务物流|E-Commerce Logistics',
      '短视频运营|Short Video Operation',
    ],
    electives: [
      '商务文案写作|Commercial Copywriting',
      '网页美工|Web Page Art Design',
      '农村电商|Rural E-Commerce',
      '商务英语|Business English',
      '电子商务法律法规|E-Commerce Law',
      '社群运营|Community Operation',
    ],
    training: '电商运营综合实训|Integrated E-Commerce Operation Training',
  },
  logistics: {
    foundation: [
      '物流管理基础|Logistics Management Fundamentals',
      '经济学基础|Principles of Economics',
      '管理学基础|Principles of Management',
      '物流法律法规|Logistics Law',
      '物流设施与设备|Logistics Facilities and Equipment',
      '统计基础|Basic Statistics',
    ],
    core: [
      '仓储与配送管理|Warehousing and Distribution',
      '运输管理实务|Transport Management',
      '供应链管理|Supply Chain Management',
      '物流信息技术|Logistics Information Technology',
      '采购管理|Purchasing Management',
      '国际货运代理|International Freight Forwarding',
      '智慧物流技术|Smart Logistics',
      '物流成本管理|Logistics Cost Management',
      '物流数据分析|Logistics Data Analysis',
      '物流客户服务|Logistics Customer Service',
    ],
    electives: [
      '冷链物流|Cold Chain Logistics',
      '电子商务物流|E-Commerce Logistics',
      '集装箱运输|Container Transport',
      '物流英语|Logistics English',
      '物流系统规划|Logistics System Planning',
      '商务沟通|Business Communication',
    ],
    training: '物流综合实训|Integrated Logistics Training',
  },
  media: {
    foundation: [
      '新闻传播学概论|Introduction to Journalism and Communication',
      '摄影摄像基础|Photography and Videography',
      '视听语言|Audiovisual Language',
      '图形图像处理|Image Processing',
      '融媒体概论|Introduction to Converged Media',
    ],
    core: [
      '融媒体内容策划|Converged Media Content Planning',
      '短视频拍摄与剪辑|Short Video Shooting and Editing',
      '直播技术与运营|Live Streaming Technology and Operation',
      '新媒体运营|New Media Operation',
      '融媒体平台技术|Converged Media Platforms',
      '影视后期制作|Post-Production',
      '数据新闻|Data Journalism',
      '音频节目制作|Audio Programme Production',
      '网络舆情分析|Online Public Opinion Analysis',
    ],
    electives: [
      '播音主持基础|Broadcasting and Presenting',
      '文案写作|Copywriting',
      '传媒法规与伦理|Media Law and Ethics',
      'AIGC 内容创作|AI-Generated Content Creation',
      '品牌传播|Brand Communication',
      '新闻采访与写作|News Reporting and Writing',
    ],
    training: '融媒体项目综合实训|Integrated Converged Media Project Training',
  },
  agriculture: {
    foundation: [
      '植物与植物生理|Plant Biology and Physiology',
      '土壤肥料|Soils and Fertilisers',
      '农业气象|Agricultural Meteorology',
      '农业经济管理|Agricultural Economics and Management',
      '农业生物技术基础|Agricultural Biotechnology Basics',
    ],
    core: [
      '作物生产技术|Crop Production',
      '植物保护技术|Plant Protection',
      '作物育种与种子生产|Crop Breeding and Seed Production',
      '设施农业技术|Protected Agriculture',
      '农产品质量安全检测|Agricultural Product Quality Testing',
      '智慧农业技术|Smart Agriculture',
      '农业机械化|Agricultural Mechanisation',
      '农产品营销|Agricultural Product Marketing',
      '家庭农场经营管理|Family Farm Management',
    ],
    electives: [
      '农村电商|Rural E-Commerce',
      '无人机植保|Drone Crop Protection',
      '生态农业|Ecological Agriculture',
      '农业政策与法规|Agricultural Policy and Law',
      '食用菌栽培|Mushroom Cultivation',
      '农业物联网|Agricultural IoT',
    ],
    training: '作物生产综合实训|Integrated Crop Production Training',
  },
};

/** Core courses of majors that differ from their domain's default list. */
const coreByMajor: Record<string, readonly Pair[]> = {
  network: [
    '网络设备配置与管理|Network Device Configuration and Management',
    '路由与交换技术|Routing and Switching',
    'Windows Server 系统管理|Windows Server Administration',
    'Linux 网络服务配置|Linux Network Services',
    '网络安全技术|Network Security',
    '综合布线技术|Structured Cabling',
    '无线网络技术|Wireless Networking',
    '网络工程规划与设计|Network Planning and Design',
  ],
  '510205': [
    'Hadoop 大数据平台搭建|Hadoop Platform Deployment',
    '数据采集技术|Data Collection',
    '数据清洗与预处理|Data Cleaning and Preprocessing',
    'Spark 大数据分析|Spark Data Analysis',
    '数据可视化技术|Data Visualisation',
    'NoSQL 数据库技术|NoSQL Databases',
    '大数据平台运维|Big Data Platform Operations',
    '机器学习应用|Applied Machine Learning',
  ],
  '510206': [
    '虚拟化技术|Virtualisation',
    '云计算平台搭建与运维|Cloud Platform Deployment and Operations',
    '容器技术（Docker 与 Kubernetes）|Containers (Docker and Kubernetes)',
    '云存储技术|Cloud Storage',
    '自动化运维（Ansible）|Automated Operations (Ansible)',
    '公有云服务应用|Public Cloud Services',
    '云安全技术|Cloud Security',
    '微服务架构与部署|Microservice Architecture and Deployment',
  ],
  '510207': [
    '密码学应用基础|Applied Cryptography',
    'Web 应用安全|Web Application Security',
    '网络安全设备配置|Network Security Devices',
    '渗透测试技术|Penetration Testing',
    '操作系统安全|Operating System Security',
    '信息安全风险评估|Information Security Risk Assessment',
    '安全运维与应急响应|Security Operations and Incident Response',
    '数据安全与隐私保护|Data Security and Privacy',
  ],
  '510204': [
    '图形图像处理（Photoshop）|Image Processing (Photoshop)',
    '三维建模与动画|3D Modelling and Animation',
    '影视后期合成|Video Post-Production',
    'UI 界面设计|UI Design',
    '交互媒体设计|Interactive Media Design',
    '数字音频处理|Digital Audio',
    '虚拟现实应用开发|VR Application Development',
    '短视频策划与制作|Short Video Production',
  ],
  '520202': [
    '助产技术|Midwifery Skills',
    '产科学|Obstetrics',
    '妇科护理|Gynaecological Nursing',
    '新生儿护理|Newborn Nursing',
    '母婴保健|Maternal and Child Health',
    '遗传与优生|Genetics and Healthy Births',
    '健康评估|Health Assessment',
    '基础护理技术|Fundamental Nursing Skills',
  ],
};
coreByMajor['510202'] = coreByMajor['network']!;
coreByMajor['710202'] = coreByMajor['network']!;

const domainByClass: Record<string, CourseDomain> = {
  '4101': 'agriculture',
  '4401': 'construction',
  '4403': 'construction',
  '4405': 'construction',
  '6403': 'construction',
  '4601': 'mechanical',
  '4603': 'automation',
  '6603': 'automation',
  '4607': 'automotive',
  '5002': 'automotive',
  '7002': 'automotive',
  '5101': 'electronics',
  '5102': 'computing',
  '7102': 'computing',
  '3102': 'computing',
  '5202': 'nursing',
  '7202': 'nursing',
  '5208': 'childcare',
  '5303': 'finance',
  '7303': 'finance',
  '3303': 'finance',
  '5307': 'ecommerce',
  '7307': 'ecommerce',
  '5308': 'logistics',
  '7308': 'logistics',
  '5602': 'media',
  '5903': 'eldercare',
  '7903': 'eldercare',
};

/** Fallback by major group (高职 numbering 41–59), for majors added to the catalogue later. */
const domainByGroup: Record<number, CourseDomain> = {
  41: 'agriculture',
  42: 'construction',
  43: 'automation',
  44: 'construction',
  45: 'construction',
  46: 'mechanical',
  47: 'electronics',
  48: 'mechanical',
  49: 'agriculture',
  50: 'logistics',
  51: 'computing',
  52: 'nursing',
  53: 'finance',
  54: 'ecommerce',
  55: 'media',
  56: 'media',
  57: 'childcare',
  58: 'eldercare',
  59: 'eldercare',
};

/** The course domain of a major: by its class, else by its group. */
export function courseDomainOf(major: Pick<Major, 'classCode' | 'groupCode' | 'level'>): CourseDomain {
  const byClass = domainByClass[major.classCode];
  if (byClass) return byClass;
  const g = Number(major.groupCode);
  const higher =
    major.level === 'SECONDARY_VET' ? g - 20 : major.level === 'VOCATIONAL_BACHELOR' ? g + 20 : g;
  return domainByGroup[higher] ?? 'computing';
}

// ---------------------------------------------------------------------------------------------
// Building a plan

interface Sizes {
  step: number;
  foundation: readonly number[];
  core: readonly number[];
  elective: readonly number[];
  orientation: number;
  training: readonly [number, number];
  target: readonly [number, number];
}

const sizes: Record<Stage, Sizes> = {
  // 中职 hours come in multiples of 18 (18 teaching weeks a term).
  SECONDARY: {
    step: 18,
    foundation: [72, 90, 108],
    core: [90, 108, 126, 144],
    elective: [54, 72, 90],
    orientation: 30,
    training: [108, 180],
    target: [3060, 3300],
  },
  HIGHER: {
    step: 8,
    foundation: [48, 56, 64],
    core: [64, 72, 80, 96],
    elective: [48, 64, 72],
    orientation: 24,
    training: [96, 144],
    target: [2560, 2800],
  },
  BACHELOR: {
    step: 8,
    foundation: [48, 56, 64],
    core: [64, 72, 80, 96],
    elective: [48, 64, 72],
    orientation: 24,
    training: [96, 144],
    target: [2900, 3200],
  },
};

const roundTo = (x: number, step: number) => Math.round(x / step) * step;

/**
 * A programme plan of ~25–30 courses for one major, satisfying every rule of `stageRules`.
 * Requires a major of the 2021 catalogue.
 */
export function buildCurriculum(
  rng: Rng,
  major: Pick<Major, 'code' | 'classCode' | 'groupCode' | 'level'>,
): PlannedCourse[] {
  const stage = stageOf(major);
  const rules = stageRules[stage];
  const size = sizes[stage];
  const domain = domains[courseDomainOf(major)];
  const courses: PlannedCourse[] = [];
  const counters = new Map<CourseType, number>();
  const add = (type: CourseType, pair: Pair, hours: number, practiceHours: number, semester: number) => {
    const prefix = {
      PUBLIC_FOUNDATION: 'GB',
      PROFESSIONAL_FOUNDATION: 'ZJ',
      PROFESSIONAL_CORE: 'ZH',
      ELECTIVE: 'XX',
      PRACTICUM: 'SJ',
    }[type];
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    const [nameZh, nameEn] = split(pair);
    courses.push({
      code: `${prefix}${String(n).padStart(2, '0')}`,
      nameZh,
      nameEn,
      hours,
      practiceHours: Math.min(hours, Math.max(0, practiceHours)),
      type,
      semester,
    });
  };
  const practiceOf = (hours: number, lo: number, hi: number) =>
    roundTo(hours * (lo + rng.next() * (hi - lo)), 2);

  // Public foundation courses (公共基础课).
  if (stage === 'SECONDARY') {
    for (const [pair, h, p, sem] of publicSecondary) add('PUBLIC_FOUNDATION', pair, h, p, sem);
  } else {
    for (const [pair, h, p, sem] of publicHigher) add('PUBLIC_FOUNDATION', pair, h, p, sem);
    const d = courseDomainOf(major);
    const humanities = d === 'nursing' || d === 'childcare' || d === 'eldercare' || d === 'media';
    const [pair, h, p, sem] = humanities ? publicHigherExtra.chinese : publicHigherExtra.math;
    add('PUBLIC_FOUNDATION', pair, h, p, sem);
    if (stage === 'BACHELOR')
      for (const [pair2, h2, p2, sem2] of publicBachelorExtra) add('PUBLIC_FOUNDATION', pair2, h2, p2, sem2);
  }

  // Professional foundation (专业基础课): 4 (中职 3–4), in the first terms.
  const nFoundation = stage === 'SECONDARY' ? rng.int(3, 4) : 4;
  for (const i of rng.indices(domain.foundation.length, nFoundation)) {
    const h = rng.pick(size.foundation);
    add(
      'PROFESSIONAL_FOUNDATION',
      domain.foundation[i]!,
      h,
      practiceOf(h, 0.25, 0.4),
      1 + (i % (stage === 'SECONDARY' ? 3 : 2)),
    );
  }

  // Professional core (专业核心课): 6–8.
  const corePool = coreByMajor[major.code] ?? domain.core;
  const nCore = rng.int(rules.coreCourses[0], Math.min(rules.coreCourses[1], corePool.length));
  const lastCoreTerm = stage === 'BACHELOR' ? 6 : 5;
  for (const [k, i] of rng.indices(corePool.length, nCore).entries()) {
    const h = rng.pick(size.core);
    add(
      'PROFESSIONAL_CORE',
      corePool[i]!,
      h,
      practiceOf(h, 0.5, 0.7),
      3 + Math.floor((k * (lastCoreTerm - 2)) / nCore),
    );
  }

  // Electives (选修课): four, so that ≥ 10 % of the hours needs no oversized course.
  const nElective = 4;
  for (const i of rng.indices(domain.electives.length, nElective)) {
    const h = rng.pick(size.elective);
    add('ELECTIVE', domain.electives[i]!, h, practiceOf(h, 0.3, 0.5), rng.int(3, lastCoreTerm));
  }

  // Practical teaching (实践性教学): orientation, integrated training, the six-month placement.
  add(
    'PRACTICUM',
    '认识实习|Orientation Internship',
    size.orientation,
    size.orientation,
    stage === 'SECONDARY' ? 1 : 2,
  );
  const training = roundTo(rng.int(size.training[0], size.training[1]), size.step);
  add('PRACTICUM', domain.training, training, training, lastCoreTerm);
  add(
    'PRACTICUM',
    `${placement.zh}|${placement.en}`,
    placement.hours,
    placement.hours,
    rules.semesters - (stage === 'BACHELOR' ? 1 : 0),
  );
  if (stage === 'BACHELOR')
    add('PRACTICUM', '毕业设计（论文）|Graduation Project', 160, 160, rules.semesters);

  balance(courses, rules, size.step, roundTo(rng.int(size.target[0], size.target[1]), size.step));
  return courses.sort(
    (a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type) || a.semester - b.semester,
  );
}

const typeOrder: readonly CourseType[] = [
  'PUBLIC_FOUNDATION',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'ELECTIVE',
  'PRACTICUM',
];

interface Totals {
  total: number;
  public: number;
  elective: number;
  practice: number;
}

function totals(courses: readonly PlannedCourse[]): Totals {
  const t: Totals = { total: 0, public: 0, elective: 0, practice: 0 };
  for (const c of courses) {
    t.total += c.hours;
    t.practice += c.practiceHours;
    if (c.type === 'PUBLIC_FOUNDATION') t.public += c.hours;
    if (c.type === 'ELECTIVE') t.elective += c.hours;
  }
  return t;
}

/** Tops hours up, one step at a time, until the plan reaches `target` hours and every share rule holds. */
function balance(courses: PlannedCourse[], rules: StageRules, step: number, target: number): void {
  const of = (type: CourseType) => courses.filter((c) => c.type === type);
  const professional = [...of('PROFESSIONAL_CORE'), ...of('PROFESSIONAL_FOUNDATION')];
  const electives = of('ELECTIVE');
  // Language and PE are where real plans put extra public hours.
  const publicGrowth = of('PUBLIC_FOUNDATION').filter((c) => /英语|体育|语文/.test(c.nameZh));
  const turn = { professional: 0, elective: 0, public: 0, practice: 0 };
  const grow = (list: PlannedCourse[], key: keyof typeof turn, practiceShare: number) => {
    const c = list[turn[key]++ % list.length]!;
    c.hours += step;
    c.practiceHours = Math.min(c.hours, c.practiceHours + roundTo(step * practiceShare, 2));
  };
  for (let i = 0; i < 10_000; i++) {
    const t = totals(courses);
    if (t.total < Math.max(target, rules.minHours)) grow(professional, 'professional', 0.6);
    else if (t.elective < rules.minElectiveShare * t.total) grow(electives, 'elective', 0.4);
    else if (t.public < rules.minPublicShare * t.total) grow(publicGrowth, 'public', 0.5);
    else if (t.practice < rules.minPracticeShare * t.total) {
      const c = professional[turn.practice++ % professional.length]!;
      c.practiceHours = Math.min(roundTo(c.hours * 0.8, 2), c.practiceHours + step);
    } else return;
  }
  throw new Error('demo curriculum: could not balance the plan');
}

/** What is wrong with a plan under the rules of its stage (empty when it complies): core's `checkPlan`. */
export function curriculumProblems(stage: Stage, courses: readonly PlannedCourse[]): string[] {
  return checkPlan(stage, courses).violations.map((v) => v.text.en);
}
