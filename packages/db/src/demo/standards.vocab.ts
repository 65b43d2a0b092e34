/**
 * Domain vocabulary for the demo skill standards (DOMAIN.md §3.3): per certificate, six work areas
 * (工作领域) from basic to advanced, each with five work tasks (工作任务); per certificate domain,
 * the aspects a skill requirement (职业技能要求) is about and the words its four elements
 * (行为, 条件, 标准, 结果) are built from. Entries are `中文|English`. The texts are written for the
 * demo; they are not copied from the published standards.
 */

export interface AreaVocab {
  area: string;
  tasks: readonly string[];
}

/** Six areas × five tasks per certificate code of the reference catalogue. */
export const certificateAreas: Readonly<Record<string, readonly AreaVocab[]>> = {
  // 建筑信息模型（BIM）
  'X-0101': [
    {
      area: 'BIM 建模环境设置|BIM modelling environment',
      tasks: [
        '建模软件安装与配置|Software installation and configuration',
        '项目样板创建|Project templates',
        '族库管理|Family libraries',
        '协同工作环境搭建|Collaboration environment',
        '建模规则制定|Modelling rules',
      ],
    },
    {
      area: '建筑模型创建|Architectural modelling',
      tasks: [
        '轴网与标高创建|Grids and levels',
        '墙体与门窗建模|Walls, doors and windows',
        '楼板与屋顶建模|Floors and roofs',
        '楼梯与坡道建模|Stairs and ramps',
        '场地建模|Site modelling',
      ],
    },
    {
      area: '结构模型创建|Structural modelling',
      tasks: [
        '结构柱与梁建模|Columns and beams',
        '基础建模|Foundations',
        '钢筋建模|Reinforcement',
        '结构分析模型创建|Structural analysis model',
        '预制构件建模|Prefabricated components',
      ],
    },
    {
      area: 'BIM 模型信息管理|BIM information management',
      tasks: [
        '构件属性定义|Component properties',
        '明细表统计|Schedules',
        '工程量提取|Quantity take-off',
        '模型数据交换|Model data exchange (IFC)',
        '模型信息审核|Model information audit',
      ],
    },
    {
      area: 'BIM 成果输出|BIM deliverables',
      tasks: [
        '施工图生成|Construction drawings',
        '效果图渲染|Rendering',
        '漫游动画制作|Walkthrough animation',
        '碰撞检查报告编制|Clash detection report',
        '模型交付|Model handover',
      ],
    },
    {
      area: 'BIM 综合应用与协调|BIM coordination and application',
      tasks: [
        '多专业模型整合|Multi-discipline integration',
        '施工过程模拟|Construction simulation (4D)',
        '管线综合优化|MEP coordination',
        '进度与成本管理|Schedule and cost (5D)',
        'BIM 实施方案编制|BIM execution plan',
      ],
    },
  ],
  // Web前端开发
  'X-0102': [
    {
      area: '页面布局与样式|Page layout and styling',
      tasks: [
        'HTML5 语义化结构|Semantic HTML5 structure',
        'CSS3 样式设计|CSS3 styling',
        '盒模型与浮动布局|Box model and floats',
        'Flex 弹性布局|Flexbox layout',
        'Grid 网格布局|Grid layout',
      ],
    },
    {
      area: '响应式设计|Responsive design',
      tasks: [
        '媒体查询|Media queries',
        '移动端适配|Mobile adaptation',
        '响应式图片与字体|Responsive images and type',
        '栅格系统应用|Grid systems',
        '多终端兼容性测试|Cross-device compatibility testing',
      ],
    },
    {
      area: 'JavaScript 交互|JavaScript interaction',
      tasks: [
        'DOM 操作与事件处理|DOM manipulation and events',
        'ES6+ 语法应用|ES6+ language features',
        '表单验证|Form validation',
        '动画与交互效果|Animation and interaction effects',
        '异步编程|Asynchronous programming',
      ],
    },
    {
      area: '前后端数据交互|Data exchange with the back end',
      tasks: [
        'Ajax 请求|Ajax requests',
        'RESTful 接口调用|REST API calls',
        'JSON 数据处理|JSON handling',
        '跨域请求处理|Cross-origin requests',
        '接口联调与 Mock|API integration and mocking',
      ],
    },
    {
      area: '前端框架应用|Front-end frameworks',
      tasks: [
        'Vue 组件开发|Vue components',
        '前端路由管理|Client-side routing',
        '状态管理|State management',
        'UI 组件库应用|UI component libraries',
        '单页应用开发|Single-page applications',
      ],
    },
    {
      area: '前端工程化|Front-end engineering',
      tasks: [
        '包管理与构建工具|Package managers and build tools',
        '代码规范与质量检查|Linting and code quality',
        '前端单元测试|Front-end unit testing',
        '前端性能优化|Front-end performance',
        '持续集成与部署|Continuous integration and deployment',
      ],
    },
  ],
  // 物流管理
  'X-0103': [
    {
      area: '仓储作业|Warehouse operations',
      tasks: [
        '入库作业|Receiving',
        '在库管理与盘点|Storage and stocktaking',
        '出库作业|Dispatch',
        '库位规划|Slotting',
        '仓储设备操作|Warehouse equipment',
      ],
    },
    {
      area: '配送作业|Distribution',
      tasks: [
        '订单处理|Order processing',
        '拣选作业|Picking',
        '配送线路规划|Route planning',
        '装车与交接|Loading and handover',
        '末端配送|Last-mile delivery',
      ],
    },
    {
      area: '运输管理|Transport management',
      tasks: [
        '运输方式选择|Transport mode selection',
        '运输计划编制|Transport planning',
        '运单与单证处理|Waybills and documents',
        '在途跟踪|In-transit tracking',
        '运输成本核算|Transport costing',
      ],
    },
    {
      area: '物流信息管理|Logistics information',
      tasks: [
        'WMS 系统操作|WMS operation',
        'TMS 系统操作|TMS operation',
        '条码与 RFID 应用|Barcodes and RFID',
        '物流数据统计|Logistics statistics',
        '物流可视化|Logistics visualisation',
      ],
    },
    {
      area: '供应链运营|Supply chain operations',
      tasks: [
        '需求预测|Demand forecasting',
        '采购与供应商管理|Purchasing and suppliers',
        '库存控制|Inventory control',
        '供应链协同|Supply chain collaboration',
        '供应链风险管理|Supply chain risk',
      ],
    },
    {
      area: '物流方案设计与优化|Logistics solution design',
      tasks: [
        '物流中心规划|Logistics centre planning',
        '作业流程优化|Process optimisation',
        '物流成本分析|Logistics cost analysis',
        '物流绩效评价|Performance evaluation',
        '物流项目管理|Logistics project management',
      ],
    },
  ],
  // 老年照护
  'X-0104': [
    {
      area: '生活照护|Daily living care',
      tasks: [
        '饮食照护|Eating assistance',
        '排泄照护|Continence care',
        '睡眠照护|Sleep care',
        '清洁照护|Personal hygiene',
        '移动与体位转换|Mobility and positioning',
      ],
    },
    {
      area: '基础照护|Basic care',
      tasks: [
        '生命体征观察|Vital signs',
        '用药照护|Medication support',
        '冷热应用|Hot and cold applications',
        '压疮预防|Pressure injury prevention',
        '感染防控|Infection control',
      ],
    },
    {
      area: '康复照护|Rehabilitative care',
      tasks: [
        '康复评估|Rehabilitation assessment',
        '功能训练|Functional training',
        '助行器具使用|Walking aids',
        '认知训练|Cognitive training',
        '康复辅具适配|Assistive devices',
      ],
    },
    {
      area: '心理支持|Psychosocial support',
      tasks: [
        '沟通交流|Communication',
        '情绪疏导|Emotional support',
        '社会参与活动|Social activities',
        '临终关怀|End-of-life care',
        '家属沟通与支持|Family support',
      ],
    },
    {
      area: '应急救护|Emergency response',
      tasks: [
        '跌倒应对|Falls',
        '噎食急救|Choking',
        '心肺复苏|Cardiopulmonary resuscitation',
        '烫伤与外伤处理|Burns and wounds',
        '突发疾病识别|Recognising acute illness',
      ],
    },
    {
      area: '照护管理与指导|Care management and coaching',
      tasks: [
        '照护计划制定|Care planning',
        '照护质量评价|Care quality evaluation',
        '照护团队培训|Carer training',
        '照护风险管理|Care risk management',
        '照护记录管理|Care records',
      ],
    },
  ],
  // 汽车运用与维修
  'X-0105': [
    {
      area: '发动机机械系统维修|Engine mechanical repair',
      tasks: [
        '曲柄连杆机构检修|Crank mechanism',
        '配气机构检修|Valve train',
        '冷却系统检修|Cooling system',
        '润滑系统检修|Lubrication system',
        '发动机总成拆装|Engine assembly',
      ],
    },
    {
      area: '底盘系统维修|Chassis repair',
      tasks: [
        '离合器与变速器检修|Clutch and gearbox',
        '传动轴与驱动桥检修|Driveline and axle',
        '转向系统检修|Steering',
        '制动系统检修|Brakes',
        '悬架与车轮定位|Suspension and wheel alignment',
      ],
    },
    {
      area: '汽车电气系统维修|Electrical systems',
      tasks: [
        '蓄电池与充电系统检修|Battery and charging',
        '起动系统检修|Starting system',
        '照明与信号系统检修|Lighting and signalling',
        '空调系统检修|Air conditioning',
        '车身电气检修|Body electrics',
      ],
    },
    {
      area: '发动机电控系统维修|Engine management',
      tasks: [
        '燃油喷射系统检修|Fuel injection',
        '点火系统检修|Ignition',
        '进排气系统检修|Intake and exhaust',
        '排放控制系统检修|Emission control',
        '传感器与执行器检测|Sensors and actuators',
      ],
    },
    {
      area: '汽车维护与保养|Maintenance and servicing',
      tasks: [
        '定期维护作业|Scheduled maintenance',
        '油液检查与更换|Fluids',
        '轮胎检查与更换|Tyres',
        '车辆安全检查|Safety inspection',
        '维修接待|Service reception',
      ],
    },
    {
      area: '综合故障诊断|Integrated diagnosis',
      tasks: [
        '诊断仪使用|Scan tools',
        '车载网络系统诊断|In-vehicle network diagnosis',
        '疑难故障分析|Complex faults',
        '维修方案制定|Repair planning',
        '维修质量检验|Repair quality inspection',
      ],
    },
  ],
  // 智能新能源汽车
  'X-0106': [
    {
      area: '高压安全与防护|High-voltage safety',
      tasks: [
        '高压防护用具使用|High-voltage protective equipment',
        '高压断电操作|High-voltage isolation',
        '绝缘检测|Insulation testing',
        '高压警示与隔离|Warning and barriers',
        '高压事故应急处置|High-voltage emergencies',
      ],
    },
    {
      area: '动力电池系统检修|Traction battery',
      tasks: [
        '动力电池结构认知|Battery structure',
        '电池管理系统检测|Battery management system',
        '电池包拆装|Battery pack removal and refitting',
        '电池均衡与维护|Cell balancing and care',
        '电池故障诊断|Battery diagnosis',
      ],
    },
    {
      area: '驱动电机与控制系统检修|Drive motor and controller',
      tasks: [
        '驱动电机检测|Drive motor testing',
        '电机控制器检测|Inverter testing',
        '减速器检修|Reduction gear',
        '电驱冷却系统检修|E-drive thermal management',
        '驱动系统故障诊断|Drive system diagnosis',
      ],
    },
    {
      area: '充电系统检修|Charging system',
      tasks: [
        '交流充电系统检测|AC charging',
        '直流充电系统检测|DC charging',
        '车载充电机检测|On-board charger',
        'DC/DC 变换器检测|DC/DC converter',
        '充电故障诊断|Charging faults',
      ],
    },
    {
      area: '智能网联系统|Intelligent connected systems',
      tasks: [
        '环境感知传感器标定|Perception sensor calibration',
        '车载网络检测|In-vehicle networks',
        '高级驾驶辅助系统检测|ADAS testing',
        '车联网终端调试|Telematics units',
        '智能座舱调试|Smart cockpit',
      ],
    },
    {
      area: '整车综合诊断|Whole-vehicle diagnosis',
      tasks: [
        '整车控制器检测|Vehicle control unit',
        '整车故障诊断|Vehicle fault diagnosis',
        '能量管理分析|Energy management',
        '维修方案制定|Repair planning',
        '质量检验与交车|Inspection and delivery',
      ],
    },
  ],
  // 电子商务数据分析
  'X-0201': [
    {
      area: '数据采集与处理|Data collection and processing',
      tasks: [
        '数据需求分析|Data requirements',
        '数据采集工具使用|Collection tools',
        '数据清洗|Data cleaning',
        '数据整理与加工|Data preparation',
        '数据存储管理|Data storage',
      ],
    },
    {
      area: '市场数据分析|Market analysis',
      tasks: [
        '行业数据分析|Industry analysis',
        '竞争对手分析|Competitor analysis',
        '市场趋势分析|Market trends',
        '用户画像分析|User profiling',
        '商品定价分析|Pricing analysis',
      ],
    },
    {
      area: '运营数据分析|Operations analysis',
      tasks: [
        '流量数据分析|Traffic analysis',
        '转化率分析|Conversion analysis',
        '推广效果分析|Campaign effectiveness',
        '客户行为分析|Customer behaviour',
        '活动复盘分析|Campaign review',
      ],
    },
    {
      area: '产品数据分析|Product analysis',
      tasks: [
        '商品销售分析|Sales analysis',
        '库存数据分析|Inventory analysis',
        '商品生命周期分析|Product life cycle',
        '价格与利润分析|Price and margin',
        '商品结构优化|Assortment optimisation',
      ],
    },
    {
      area: '数据可视化与报告|Visualisation and reporting',
      tasks: [
        '图表制作|Charts',
        '数据看板搭建|Dashboards',
        '日常数据报表|Routine reports',
        '专题分析报告|Thematic reports',
        '数据汇报演示|Presenting findings',
      ],
    },
    {
      area: '数据化运营决策|Data-driven decisions',
      tasks: [
        '指标体系设计|KPI design',
        '销售预测分析|Sales forecasting',
        'A/B 测试设计|A/B testing',
        '营销策略优化|Marketing optimisation',
        '数据安全与合规|Data security and compliance',
      ],
    },
  ],
  // 网店运营推广
  'X-0202': [
    {
      area: '网店开设与装修|Store setup and design',
      tasks: [
        '平台规则解读|Platform rules',
        '店铺注册与开设|Store registration',
        '店铺页面装修|Store page design',
        '商品详情页设计|Product detail pages',
        '视觉素材制作|Visual assets',
      ],
    },
    {
      area: '商品管理|Product management',
      tasks: [
        '商品选品|Product selection',
        '商品发布与上下架|Listing',
        '商品标题优化|Title optimisation',
        '商品定价|Pricing',
        '库存与 SKU 管理|Inventory and SKUs',
      ],
    },
    {
      area: '网店推广|Store promotion',
      tasks: [
        '搜索引擎优化|Search optimisation',
        '付费推广|Paid promotion',
        '内容营销|Content marketing',
        '站外引流|Off-site traffic',
        '推广效果评估|Promotion evaluation',
      ],
    },
    {
      area: '客户服务|Customer service',
      tasks: [
        '售前咨询|Pre-sales enquiries',
        '订单处理|Order handling',
        '售后服务|After-sales service',
        '客户关系维护|Customer relationships',
        '评价管理|Review management',
      ],
    },
    {
      area: '营销活动策划|Campaign planning',
      tasks: [
        '促销活动策划|Promotions',
        '直播营销|Live-stream marketing',
        '短视频营销|Short video marketing',
        '社群营销|Community marketing',
        '会员营销|Membership marketing',
      ],
    },
    {
      area: '网店运营分析与优化|Store analytics and optimisation',
      tasks: [
        '运营数据监控|Operations monitoring',
        '经营诊断|Business diagnosis',
        '运营方案制定|Operation plans',
        '团队协作管理|Team management',
        '店铺风险防控|Store risk control',
      ],
    },
  ],
  // 工业机器人操作与运维
  'X-0203': [
    {
      area: '安全操作与规范|Safe operation',
      tasks: [
        '安全防护装置检查|Safety device checks',
        '安全操作规程执行|Safe operating procedures',
        '危险源辨识|Hazard identification',
        '急停与复位|Emergency stop and reset',
        '作业环境管理|Workplace housekeeping',
      ],
    },
    {
      area: '工业机器人基本操作|Basic robot operation',
      tasks: [
        '示教器操作|Teach pendant',
        '手动操纵|Jogging',
        '坐标系设置与调用|Coordinate systems',
        '工具与工件标定|Tool and workpiece calibration',
        '程序备份与恢复|Backup and restore',
      ],
    },
    {
      area: '机器人编程与调试|Programming and debugging',
      tasks: [
        '运动指令应用|Motion instructions',
        'I/O 信号配置|I/O configuration',
        '轨迹示教编程|Path teaching',
        '程序调试与运行|Program debugging',
        '搬运码垛程序编写|Handling and palletising programs',
      ],
    },
    {
      area: '系统安装与调试|Installation and commissioning',
      tasks: [
        '机器人本体安装|Robot installation',
        '电气线路连接|Electrical wiring',
        '外围设备调试|Peripheral commissioning',
        '通信配置|Communication setup',
        '系统联调|System integration test',
      ],
    },
    {
      area: '维护保养|Maintenance',
      tasks: [
        '日常点检|Daily inspection',
        '定期保养|Scheduled maintenance',
        '减速机润滑|Gearbox lubrication',
        '电池更换与零点校准|Battery and zero calibration',
        '维护记录管理|Maintenance records',
      ],
    },
    {
      area: '故障诊断与处理|Fault diagnosis',
      tasks: [
        '报警信息分析|Alarm analysis',
        '机械故障排除|Mechanical faults',
        '电气故障排除|Electrical faults',
        '通信故障排除|Communication faults',
        '预测性维护|Predictive maintenance',
      ],
    },
  ],
  // 工业机器人应用编程
  'X-0204': [
    {
      area: '编程环境与基础设置|Programming environment',
      tasks: [
        '离线编程软件安装|Offline programming software',
        '机器人参数配置|Robot parameters',
        '坐标系标定|Frame calibration',
        '工具数据设置|Tool data',
        '程序结构规划|Program structure',
      ],
    },
    {
      area: '示教编程|Teach programming',
      tasks: [
        '基本运动编程|Basic motion',
        '轨迹编程|Path programming',
        '搬运编程|Handling',
        '码垛编程|Palletising',
        '装配编程|Assembly',
      ],
    },
    {
      area: '离线编程与仿真|Offline programming and simulation',
      tasks: [
        '工作站建模|Cell modelling',
        '虚拟仿真|Virtual simulation',
        '轨迹自动生成|Automatic path generation',
        '碰撞检测|Collision detection',
        '程序后置与下载|Post-processing and upload',
      ],
    },
    {
      area: '外部设备集成编程|Peripheral integration',
      tasks: [
        'PLC 通信编程|PLC communication',
        '视觉系统编程|Vision integration',
        '传感器信号处理|Sensor signals',
        '变位机与导轨协同|Positioner and track coordination',
        '末端执行器控制|End effector control',
      ],
    },
    {
      area: '典型应用编程|Typical applications',
      tasks: [
        '焊接应用编程|Welding',
        '打磨抛光编程|Grinding and polishing',
        '喷涂应用编程|Painting',
        '分拣应用编程|Sorting',
        '涂胶应用编程|Dispensing',
      ],
    },
    {
      area: '工作站编程与优化|Cell programming and optimisation',
      tasks: [
        '多机器人协同|Multi-robot coordination',
        '节拍优化|Cycle time optimisation',
        '人机协作编程|Collaborative robots',
        '工作站联调|Cell commissioning',
        '程序标准化|Program standards',
      ],
    },
  ],
  // 特殊焊接技术
  'X-0205': [
    {
      area: '焊前准备|Pre-weld preparation',
      tasks: [
        '焊接安全防护|Welding safety',
        '焊接图样识读|Reading weld drawings',
        '坡口加工|Joint preparation',
        '焊接材料选用|Consumable selection',
        '焊件装配与定位|Fit-up and tacking',
      ],
    },
    {
      area: '焊条电弧焊|Shielded metal arc welding',
      tasks: [
        '板对接平焊|Flat position',
        '板对接立焊|Vertical position',
        '板对接横焊|Horizontal position',
        '板对接仰焊|Overhead position',
        '管板焊接|Tube-to-plate welding',
      ],
    },
    {
      area: '熔化极气体保护焊|Gas metal arc welding',
      tasks: [
        '碳钢 MAG 焊|Carbon steel MAG',
        '不锈钢 MIG 焊|Stainless steel MIG',
        '药芯焊丝电弧焊|Flux-cored welding',
        '脉冲焊接|Pulsed welding',
        '焊接参数调整|Parameter setting',
      ],
    },
    {
      area: '钨极氩弧焊|Gas tungsten arc welding',
      tasks: [
        '薄板焊接|Thin sheet',
        '管对接焊|Pipe butt welds',
        '铝合金焊接|Aluminium alloys',
        '钛合金焊接|Titanium alloys',
        '异种金属焊接|Dissimilar metals',
      ],
    },
    {
      area: '特种焊接方法|Special processes',
      tasks: [
        '激光焊|Laser welding',
        '搅拌摩擦焊|Friction stir welding',
        '电子束焊|Electron beam welding',
        '机器人焊接|Robotic welding',
        '钎焊|Brazing',
      ],
    },
    {
      area: '焊接质量控制|Weld quality',
      tasks: [
        '焊缝外观检验|Visual inspection',
        '无损检测|Non-destructive testing',
        '焊接缺陷返修|Defect repair',
        '焊接工艺评定|Procedure qualification',
        '焊接变形控制|Distortion control',
      ],
    },
  ],
  // 智能财税
  'X-0206': [
    {
      area: '票据与单据处理|Documents and invoices',
      tasks: [
        '原始凭证审核|Source document review',
        '电子发票管理|E-invoices',
        '票据智能识别|Intelligent document recognition',
        '单据归档|Filing',
        '费用报销处理|Expense claims',
      ],
    },
    {
      area: '智能记账|Intelligent bookkeeping',
      tasks: [
        '会计科目设置|Chart of accounts',
        '记账凭证生成|Voucher generation',
        '账簿登记|Ledger posting',
        '期末结账|Period-end close',
        '财务机器人应用|Finance robotic process automation',
      ],
    },
    {
      area: '税费计算与申报|Tax computation and filing',
      tasks: [
        '增值税计算与申报|Value-added tax',
        '企业所得税申报|Corporate income tax',
        '个人所得税代扣代缴|Individual income tax withholding',
        '附加税费申报|Surcharges',
        '社会保险费申报|Social insurance contributions',
      ],
    },
    {
      area: '财务报表编制|Financial statements',
      tasks: [
        '资产负债表编制|Balance sheet',
        '利润表编制|Income statement',
        '现金流量表编制|Cash flow statement',
        '报表附注编写|Notes to the statements',
        '报表审核|Statement review',
      ],
    },
    {
      area: '财务分析|Financial analysis',
      tasks: [
        '偿债能力分析|Solvency',
        '营运能力分析|Operating efficiency',
        '盈利能力分析|Profitability',
        '成本费用分析|Cost analysis',
        '财务预警|Early warning',
      ],
    },
    {
      area: '财税管理与筹划|Tax management and planning',
      tasks: [
        '纳税风险识别|Tax risk',
        '税收优惠应用|Tax incentives',
        '纳税筹划方案设计|Tax planning',
        '内部控制|Internal control',
        '业财融合分析|Business-finance integration',
      ],
    },
  ],
  // 母婴护理
  'X-0207': [
    {
      area: '孕期保健|Prenatal care',
      tasks: [
        '孕期营养指导|Prenatal nutrition',
        '孕期运动指导|Prenatal exercise',
        '孕期不适应对|Pregnancy discomforts',
        '产前准备|Birth preparation',
        '孕期心理支持|Emotional support in pregnancy',
      ],
    },
    {
      area: '产妇护理|Postnatal maternal care',
      tasks: [
        '产褥期观察|Puerperium observation',
        '伤口护理|Wound care',
        '乳房护理|Breast care',
        '产后营养膳食|Postnatal diet',
        '产后康复指导|Postnatal recovery',
      ],
    },
    {
      area: '新生儿护理|Newborn care',
      tasks: [
        '新生儿日常护理|Daily newborn care',
        '脐部护理|Cord care',
        '新生儿沐浴与抚触|Bathing and massage',
        '新生儿黄疸观察|Jaundice observation',
        '新生儿喂养|Newborn feeding',
      ],
    },
    {
      area: '母乳喂养指导|Breastfeeding support',
      tasks: [
        '哺乳姿势指导|Positioning',
        '乳汁分泌评估|Milk supply',
        '母乳喂养问题处理|Breastfeeding problems',
        '吸奶与储存|Expressing and storage',
        '人工喂养指导|Formula feeding',
      ],
    },
    {
      area: '婴儿早期发展|Early development',
      tasks: [
        '生长发育监测|Growth monitoring',
        '早期启蒙训练|Early stimulation',
        '预防接种配合|Immunisation support',
        '常见疾病预防|Common illness prevention',
        '意外伤害预防|Injury prevention',
      ],
    },
    {
      area: '母婴服务管理|Maternal and infant service management',
      tasks: [
        '护理计划制定|Care planning',
        '家庭指导|Family guidance',
        '服务质量评估|Service quality',
        '团队指导与培训|Team training',
        '服务风险防范|Service risk',
      ],
    },
  ],
  // 传感网应用开发
  'X-0208': [
    {
      area: '传感器应用|Sensor applications',
      tasks: [
        '传感器选型|Sensor selection',
        '传感器接线与调试|Wiring and testing',
        '模拟量采集|Analog acquisition',
        '数字量采集|Digital acquisition',
        '数据标定|Calibration',
      ],
    },
    {
      area: '嵌入式程序开发|Embedded programming',
      tasks: [
        '开发环境搭建|Toolchain setup',
        'GPIO 编程|GPIO programming',
        '定时器与中断编程|Timers and interrupts',
        '串口通信编程|UART communication',
        '低功耗设计|Low-power design',
      ],
    },
    {
      area: '无线通信组网|Wireless networking',
      tasks: [
        'ZigBee 组网|ZigBee networking',
        '低功耗蓝牙通信|Bluetooth Low Energy',
        'LoRa 通信|LoRa',
        'NB-IoT 通信|NB-IoT',
        'Wi-Fi 组网|Wi-Fi networking',
      ],
    },
    {
      area: '网关与平台接入|Gateways and platforms',
      tasks: [
        '网关配置|Gateway configuration',
        'MQTT 协议应用|MQTT',
        '云平台接入|Cloud platform connection',
        '设备管理|Device management',
        '数据上报与指令下发|Telemetry and commands',
      ],
    },
    {
      area: '物联网应用开发|IoT application development',
      tasks: [
        '数据存储设计|Data storage',
        '移动端应用开发|Mobile apps',
        'Web 监控界面开发|Web dashboards',
        '告警规则设计|Alert rules',
        '数据可视化|Data visualisation',
      ],
    },
    {
      area: '系统集成与运维|Integration and operation',
      tasks: [
        '系统方案设计|System design',
        '系统部署|Deployment',
        '联调测试|Integration testing',
        '运行维护|Operation and maintenance',
        '安全加固|Security hardening',
      ],
    },
  ],
  // 失智老年人照护
  'X-0209': [
    {
      area: '失智症认知与评估|Dementia awareness and assessment',
      tasks: [
        '失智症早期识别|Early recognition',
        '认知功能评估|Cognitive assessment',
        '生活能力评估|Activities of daily living',
        '精神行为症状识别|Recognising behavioural symptoms',
        '照护需求分析|Care needs analysis',
      ],
    },
    {
      area: '生活照护|Daily living support',
      tasks: [
        '进食照护|Eating support',
        '如厕照护|Toileting',
        '穿衣与修饰|Dressing and grooming',
        '睡眠照护|Sleep',
        '居家环境布置|Home environment',
      ],
    },
    {
      area: '精神行为症状应对|Responding to behavioural symptoms',
      tasks: [
        '游走行为应对|Wandering',
        '激越行为应对|Agitation',
        '幻觉妄想应对|Hallucinations and delusions',
        '日落综合征应对|Sundowning',
        '拒绝照护应对|Refusal of care',
      ],
    },
    {
      area: '认知促进与活动|Cognitive stimulation',
      tasks: [
        '怀旧疗法|Reminiscence',
        '音乐疗法|Music therapy',
        '认知训练活动|Cognitive exercises',
        '感官刺激活动|Sensory stimulation',
        '个性化活动设计|Personalised activities',
      ],
    },
    {
      area: '安全照护|Safety',
      tasks: [
        '走失预防|Preventing getting lost',
        '跌倒预防|Fall prevention',
        '用药安全|Medication safety',
        '误吸预防|Aspiration prevention',
        '约束替代|Restraint alternatives',
      ],
    },
    {
      area: '照护管理与支持|Care management and support',
      tasks: [
        '个案照护计划|Individual care plans',
        '家属支持|Family support',
        '照护者压力管理|Carer stress',
        '照护质量督导|Quality supervision',
        '多学科协作|Multidisciplinary teamwork',
      ],
    },
  ],
  // 云计算平台运维与开发
  'X-0210': [
    {
      area: '云基础环境搭建|Cloud infrastructure',
      tasks: [
        '服务器与存储配置|Servers and storage',
        '网络规划与配置|Network planning',
        'Linux 系统部署|Linux deployment',
        '虚拟化平台部署|Virtualisation platform',
        '基础服务配置|Basic services',
      ],
    },
    {
      area: '私有云平台部署|Private cloud',
      tasks: [
        'OpenStack 部署|OpenStack deployment',
        '计算服务配置|Compute service',
        '存储服务配置|Storage service',
        '网络服务配置|Networking service',
        '镜像与实例管理|Images and instances',
      ],
    },
    {
      area: '容器云平台|Container platform',
      tasks: [
        'Docker 容器管理|Docker containers',
        '镜像仓库管理|Image registry',
        'Kubernetes 集群部署|Kubernetes clusters',
        '服务编排|Orchestration',
        '容器网络与存储|Container networking and storage',
      ],
    },
    {
      area: '云平台运维|Cloud operations',
      tasks: [
        '监控与告警|Monitoring and alerting',
        '日志管理|Logging',
        '备份与恢复|Backup and recovery',
        '自动化运维|Automation',
        '性能调优|Performance tuning',
      ],
    },
    {
      area: '云应用开发|Cloud application development',
      tasks: [
        '云原生应用开发|Cloud-native applications',
        '微服务开发|Microservices',
        'API 网关配置|API gateways',
        '持续集成与交付|CI/CD',
        '云存储接口开发|Cloud storage APIs',
      ],
    },
    {
      area: '云安全与架构|Cloud security and architecture',
      tasks: [
        '身份与访问管理|Identity and access management',
        '安全组与防火墙|Security groups and firewalls',
        '高可用架构设计|High availability',
        '容灾方案设计|Disaster recovery',
        '云成本优化|Cost optimisation',
      ],
    },
  ],
};

/** For a certificate without its own vocabulary: generic areas around its name. */
export function genericAreas(nameZh: string, nameEn: string): AreaVocab[] {
  const t = (zh: string, en: string) => `${nameZh}${zh}|${en} (${nameEn})`;
  return [
    {
      area: '职业素养与安全|Professional conduct and safety',
      tasks: [
        t('安全规范', 'Safety rules'),
        t('职业道德', 'Ethics'),
        t('作业环境', 'Workplace'),
        t('法律法规', 'Regulations'),
        t('质量意识', 'Quality awareness'),
      ],
    },
    {
      area: '基础操作|Basic operations',
      tasks: [
        t('工具使用', 'Tools'),
        t('设备操作', 'Equipment'),
        t('资料识读', 'Documents'),
        t('基本流程', 'Basic procedures'),
        t('记录填写', 'Records'),
      ],
    },
    {
      area: '专项技能|Specialised skills',
      tasks: [
        t('方案实施', 'Implementation'),
        t('参数设置', 'Settings'),
        t('过程控制', 'Process control'),
        t('检测验证', 'Verification'),
        t('问题处理', 'Problem solving'),
      ],
    },
    {
      area: '综合应用|Integrated application',
      tasks: [
        t('项目实施', 'Projects'),
        t('协同作业', 'Teamwork'),
        t('新技术应用', 'New technology'),
        t('客户服务', 'Customer service'),
        t('成果交付', 'Delivery'),
      ],
    },
    {
      area: '质量控制|Quality control',
      tasks: [
        t('质量检查', 'Inspection'),
        t('缺陷分析', 'Defect analysis'),
        t('改进措施', 'Improvement'),
        t('标准执行', 'Standards'),
        t('质量记录', 'Quality records'),
      ],
    },
    {
      area: '管理与指导|Management and coaching',
      tasks: [
        t('计划制定', 'Planning'),
        t('团队指导', 'Coaching'),
        t('培训组织', 'Training'),
        t('风险管理', 'Risk'),
        t('持续改进', 'Continuous improvement'),
      ],
    },
  ];
}

/** What a skill requirement is about, and the words its four elements use, per certificate domain. */
export interface DomainPhrases {
  /** Six aspects from basic to advanced: `中文|English`. */
  aspects: readonly string[];
  environments: readonly string[];
  references: readonly string[];
  norms: readonly string[];
  metrics: readonly string[];
  outputs: readonly string[];
}

export const domainPhrases: Readonly<Record<string, DomainPhrases>> = {
  IT: {
    aspects: [
      '环境准备|setup',
      '需求分析|requirements analysis',
      '编码实现|implementation',
      '调试测试|testing and debugging',
      '性能优化|optimisation',
      '方案设计与评审|design and review',
    ],
    environments: [
      '主流开发工具与浏览器调试工具',
      '企业级开发与测试环境',
      'Linux 服务器与版本控制系统',
      '云平台实训环境',
    ],
    references: ['需求说明书与设计文档', '项目任务书', '接口文档与技术规范', '团队编码规范'],
    norms: ['企业编码规范', '行业技术规范', '信息安全相关要求', '项目验收标准'],
    metrics: [
      '功能完整、运行无错误',
      '代码结构清晰、注释规范',
      '测试用例全部通过',
      '响应时间与资源占用达到要求',
    ],
    outputs: ['可运行的程序代码', '测试报告', '技术文档', '部署与运维记录', '优化方案'],
  },
  MANUFACTURING: {
    aspects: [
      '作业准备|preparation',
      '参数设置|parameter setting',
      '操作实施|operation',
      '检测调试|inspection and adjustment',
      '故障处理|troubleshooting',
      '工艺改进|process improvement',
    ],
    environments: [
      '实训车间与工业现场',
      '典型工作站与配套工具',
      '仿真软件与实训设备',
      '安全防护齐全的作业区',
    ],
    references: ['作业指导书与设备手册', '工艺文件与图样', '电气原理图与接线图', '维护保养手册'],
    norms: ['安全操作规程', '企业工艺标准', '设备技术要求', '6S 现场管理要求'],
    metrics: ['操作规范、动作准确', '精度与节拍满足工艺要求', '一次合格率达到要求', '故障定位准确、处理及时'],
    outputs: ['合格的工件或运行程序', '调试记录', '点检与维护记录', '故障分析报告', '工艺改进方案'],
  },
  COMMERCE: {
    aspects: [
      '信息收集|information gathering',
      '数据整理|data preparation',
      '策划执行|planning and execution',
      '数据分析|analysis',
      '效果评估|evaluation',
      '优化决策|optimisation',
    ],
    environments: [
      '电商平台后台与数据工具',
      '电子表格与数据分析软件',
      '企业运营实训平台',
      '真实或仿真的店铺环境',
    ],
    references: ['平台规则与运营目标', '业务数据与行业报告', '营销方案与预算', '客户服务规范'],
    norms: ['平台规则', '广告法与电子商务法相关规定', '企业运营规范', '数据安全与个人信息保护要求'],
    metrics: ['数据准确、口径一致', '方案目标明确、可执行', '关键指标达到预期', '结论有数据支撑'],
    outputs: ['数据报表', '运营方案', '分析报告', '推广计划', '复盘总结'],
  },
  FINANCE: {
    aspects: [
      '资料审核|document review',
      '业务处理|processing',
      '核算与计算|calculation',
      '系统操作|system operation',
      '分析评价|analysis',
      '合规检查|compliance check',
    ],
    environments: ['财务共享实训平台', '电子税务局仿真系统', '会计信息系统', '智能财税软件'],
    references: ['企业会计准则', '税收法律法规', '业务单据与合同', '企业财务制度'],
    norms: ['企业会计准则', '现行税收政策', '会计基础工作规范', '内部控制制度'],
    metrics: ['账务处理准确、凭证完整', '计算正确、申报及时', '报表勾稽关系正确', '分析结论合理'],
    outputs: ['记账凭证与账簿', '纳税申报表', '财务报表', '财务分析报告', '筹划方案'],
  },
  HEALTH: {
    aspects: [
      '评估|assessment',
      '计划制定|care planning',
      '操作实施|delivery',
      '观察记录|observation and records',
      '沟通指导|communication and guidance',
      '风险防范|risk prevention',
    ],
    environments: ['照护实训室与仿真模型', '养老或母婴服务机构', '居家照护场景', '社区服务站'],
    references: ['照护对象的健康档案', '照护计划', '服务规范与操作流程', '医嘱或康复方案'],
    norms: ['服务操作规范', '感染防控要求', '安全照护要求', '职业伦理要求'],
    metrics: ['操作规范、动作轻柔', '评估全面、记录准确', '照护对象安全舒适', '沟通有效、尊重隐私'],
    outputs: ['照护记录', '评估报告', '个性化照护计划', '健康指导方案', '服务质量评价'],
  },
  CONSTRUCTION: {
    aspects: [
      '图纸识读|drawing interpretation',
      '参数设置|settings',
      '建模操作|modelling',
      '检查校核|checking',
      '成果输出|deliverables',
      '协同管理|coordination',
    ],
    environments: ['BIM 建模软件与工作站', '项目协同平台', '建筑工程实训基地', '典型工程项目案例'],
    references: ['建筑施工图与结构施工图', '项目 BIM 实施标准', '工程合同与技术要求', '国家与行业建模标准'],
    norms: ['建筑信息模型应用统一标准', '建筑工程设计文件深度规定', '项目 BIM 实施标准', '施工质量验收规范'],
    metrics: ['模型准确、信息完整', '构件命名与分类规范', '碰撞问题全部记录并闭合', '成果满足交付深度'],
    outputs: ['BIM 模型', '工程图纸', '工程量清单', '碰撞检查报告', 'BIM 实施方案'],
  },
  AUTOMOTIVE: {
    aspects: [
      '作业准备|preparation',
      '检查检测|inspection and testing',
      '拆装更换|removal and replacement',
      '故障诊断|diagnosis',
      '调整修复|adjustment and repair',
      '竣工检验|final inspection',
    ],
    environments: ['汽车维修实训车间', '整车或总成台架', '专用检测设备与诊断仪', '新能源汽车高压实训工位'],
    references: ['维修手册与电路图', '维修工单', '厂家技术通报', '检测数据与故障码'],
    norms: ['维修技术规范', '安全操作规程', '高压电安全作业要求', '车辆维修竣工质量要求'],
    metrics: ['操作规范、工具使用正确', '检测数据准确', '故障排除彻底', '扭矩与间隙符合技术要求'],
    outputs: ['维修工单记录', '检测报告', '故障诊断报告', '维修方案', '竣工检验单'],
  },
  LOGISTICS: {
    aspects: [
      '作业准备|preparation',
      '单证处理|documents',
      '现场作业|operations',
      '系统操作|system operation',
      '异常处理|exception handling',
      '分析优化|analysis and optimisation',
    ],
    environments: ['智慧物流实训中心', '仓储管理与运输管理系统', '物流企业作业现场', '供应链仿真平台'],
    references: ['作业计划与订单', '物流单证', '客户服务协议', '企业作业标准'],
    norms: ['物流作业规范', '安全作业要求', '物流服务质量标准', '企业管理制度'],
    metrics: ['作业准确率达到要求', '时效满足客户要求', '单证填写完整规范', '成本控制在预算内'],
    outputs: ['作业记录', '物流单证', '数据统计表', '优化方案', '分析报告'],
  },
};
