/**
 * Where demo institutions are. Province weights are rough vocational enrolments (中职 + 高职
 * students, in units of 10,000) [U: modelling prior, DOMAIN.md §6.4: the big ones are 河南, 广东,
 * 山东, 四川, 江苏, 河北, 湖南, 安徽]. Cities are real prefecture-level places; the institutions
 * placed in them are not (their names end in （示例） and their codes start with `SYN-`).
 */

/** A place name in Chinese and in pinyin/English. */
export type Place = readonly [zh: string, en: string];

export interface ProvincePlaces {
  /** Relative vocational enrolment [U]. */
  weight: number;
  /** The name used inside institution names (河南, 广西, 内蒙古 …). */
  short: Place;
  /** Prefecture-level cities (or the municipality itself). */
  cities: readonly Place[];
  /** Counties, county-level cities or outer districts, for rural institutions. */
  counties: readonly Place[];
}

export const provincePlaces: Readonly<Record<string, ProvincePlaces>> = {
  '11': {
    weight: 20,
    short: ['北京', 'Beijing'],
    cities: [['北京', 'Beijing']],
    counties: [
      ['密云', 'Miyun'],
      ['延庆', 'Yanqing'],
      ['平谷', 'Pinggu'],
    ],
  },
  '12': {
    weight: 30,
    short: ['天津', 'Tianjin'],
    cities: [['天津', 'Tianjin']],
    counties: [
      ['蓟州', 'Jizhou'],
      ['宁河', 'Ninghe'],
      ['静海', 'Jinghai'],
    ],
  },
  '13': {
    weight: 180,
    short: ['河北', 'Hebei'],
    cities: [
      ['石家庄', 'Shijiazhuang'],
      ['唐山', 'Tangshan'],
      ['保定', 'Baoding'],
      ['邯郸', 'Handan'],
      ['沧州', 'Cangzhou'],
      ['邢台', 'Xingtai'],
    ],
    counties: [
      ['正定', 'Zhengding'],
      ['辛集', 'Xinji'],
      ['涿州', 'Zhuozhou'],
      ['武安', 'Wu’an'],
    ],
  },
  '14': {
    weight: 70,
    short: ['山西', 'Shanxi'],
    cities: [
      ['太原', 'Taiyuan'],
      ['大同', 'Datong'],
      ['长治', 'Changzhi'],
      ['临汾', 'Linfen'],
      ['运城', 'Yuncheng'],
    ],
    counties: [
      ['平遥', 'Pingyao'],
      ['孝义', 'Xiaoyi'],
      ['介休', 'Jiexiu'],
    ],
  },
  '15': {
    weight: 40,
    short: ['内蒙古', 'Inner Mongolia'],
    cities: [
      ['呼和浩特', 'Hohhot'],
      ['包头', 'Baotou'],
      ['赤峰', 'Chifeng'],
      ['鄂尔多斯', 'Ordos'],
    ],
    counties: [
      ['托克托', 'Togtoh'],
      ['扎兰屯', 'Zalantun'],
      ['准格尔', 'Jungar'],
    ],
  },
  '21': {
    weight: 70,
    short: ['辽宁', 'Liaoning'],
    cities: [
      ['沈阳', 'Shenyang'],
      ['大连', 'Dalian'],
      ['鞍山', 'Anshan'],
      ['锦州', 'Jinzhou'],
      ['营口', 'Yingkou'],
    ],
    counties: [
      ['海城', 'Haicheng'],
      ['瓦房店', 'Wafangdian'],
      ['新民', 'Xinmin'],
    ],
  },
  '22': {
    weight: 40,
    short: ['吉林', 'Jilin'],
    cities: [
      ['长春', 'Changchun'],
      ['吉林', 'Jilin'],
      ['四平', 'Siping'],
      ['延吉', 'Yanji'],
    ],
    counties: [
      ['梅河口', 'Meihekou'],
      ['公主岭', 'Gongzhuling'],
      ['敦化', 'Dunhua'],
    ],
  },
  '23': {
    weight: 50,
    short: ['黑龙江', 'Heilongjiang'],
    cities: [
      ['哈尔滨', 'Harbin'],
      ['齐齐哈尔', 'Qiqihar'],
      ['牡丹江', 'Mudanjiang'],
      ['大庆', 'Daqing'],
      ['佳木斯', 'Jiamusi'],
    ],
    counties: [
      ['五常', 'Wuchang'],
      ['尚志', 'Shangzhi'],
      ['海伦', 'Hailun'],
    ],
  },
  '31': {
    weight: 25,
    short: ['上海', 'Shanghai'],
    cities: [['上海', 'Shanghai']],
    counties: [
      ['崇明', 'Chongming'],
      ['金山', 'Jinshan'],
      ['奉贤', 'Fengxian'],
    ],
  },
  '32': {
    weight: 170,
    short: ['江苏', 'Jiangsu'],
    cities: [
      ['南京', 'Nanjing'],
      ['苏州', 'Suzhou'],
      ['无锡', 'Wuxi'],
      ['常州', 'Changzhou'],
      ['徐州', 'Xuzhou'],
      ['南通', 'Nantong'],
      ['扬州', 'Yangzhou'],
    ],
    counties: [
      ['沭阳', 'Shuyang'],
      ['如皋', 'Rugao'],
      ['邳州', 'Pizhou'],
    ],
  },
  '33': {
    weight: 120,
    short: ['浙江', 'Zhejiang'],
    cities: [
      ['杭州', 'Hangzhou'],
      ['宁波', 'Ningbo'],
      ['温州', 'Wenzhou'],
      ['金华', 'Jinhua'],
      ['台州', 'Taizhou'],
      ['绍兴', 'Shaoxing'],
    ],
    counties: [
      ['义乌', 'Yiwu'],
      ['慈溪', 'Cixi'],
      ['永康', 'Yongkang'],
    ],
  },
  '34': {
    weight: 160,
    short: ['安徽', 'Anhui'],
    cities: [
      ['合肥', 'Hefei'],
      ['芜湖', 'Wuhu'],
      ['安庆', 'Anqing'],
      ['阜阳', 'Fuyang'],
      ['蚌埠', 'Bengbu'],
      ['六安', 'Lu’an'],
    ],
    counties: [
      ['临泉', 'Linquan'],
      ['怀远', 'Huaiyuan'],
      ['桐城', 'Tongcheng'],
    ],
  },
  '35': {
    weight: 90,
    short: ['福建', 'Fujian'],
    cities: [
      ['福州', 'Fuzhou'],
      ['厦门', 'Xiamen'],
      ['泉州', 'Quanzhou'],
      ['漳州', 'Zhangzhou'],
      ['莆田', 'Putian'],
    ],
    counties: [
      ['晋江', 'Jinjiang'],
      ['福清', 'Fuqing'],
      ['安溪', 'Anxi'],
    ],
  },
  '36': {
    weight: 120,
    short: ['江西', 'Jiangxi'],
    cities: [
      ['南昌', 'Nanchang'],
      ['赣州', 'Ganzhou'],
      ['九江', 'Jiujiang'],
      ['上饶', 'Shangrao'],
      ['宜春', 'Yichun'],
    ],
    counties: [
      ['瑞金', 'Ruijin'],
      ['丰城', 'Fengcheng'],
      ['鄱阳', 'Poyang'],
    ],
  },
  '37': {
    weight: 240,
    short: ['山东', 'Shandong'],
    cities: [
      ['济南', 'Jinan'],
      ['青岛', 'Qingdao'],
      ['烟台', 'Yantai'],
      ['潍坊', 'Weifang'],
      ['临沂', 'Linyi'],
      ['淄博', 'Zibo'],
      ['济宁', 'Jining'],
    ],
    counties: [
      ['寿光', 'Shouguang'],
      ['曹县', 'Caoxian'],
      ['莒县', 'Juxian'],
    ],
  },
  '41': {
    weight: 330,
    short: ['河南', 'Henan'],
    cities: [
      ['郑州', 'Zhengzhou'],
      ['洛阳', 'Luoyang'],
      ['开封', 'Kaifeng'],
      ['南阳', 'Nanyang'],
      ['新乡', 'Xinxiang'],
      ['商丘', 'Shangqiu'],
      ['周口', 'Zhoukou'],
    ],
    counties: [
      ['固始', 'Gushi'],
      ['邓州', 'Dengzhou'],
      ['林州', 'Linzhou'],
    ],
  },
  '42': {
    weight: 130,
    short: ['湖北', 'Hubei'],
    cities: [
      ['武汉', 'Wuhan'],
      ['宜昌', 'Yichang'],
      ['襄阳', 'Xiangyang'],
      ['荆州', 'Jingzhou'],
      ['黄冈', 'Huanggang'],
    ],
    counties: [
      ['仙桃', 'Xiantao'],
      ['枣阳', 'Zaoyang'],
      ['麻城', 'Macheng'],
    ],
  },
  '43': {
    weight: 160,
    short: ['湖南', 'Hunan'],
    cities: [
      ['长沙', 'Changsha'],
      ['株洲', 'Zhuzhou'],
      ['湘潭', 'Xiangtan'],
      ['衡阳', 'Hengyang'],
      ['岳阳', 'Yueyang'],
      ['常德', 'Changde'],
    ],
    counties: [
      ['浏阳', 'Liuyang'],
      ['醴陵', 'Liling'],
      ['邵东', 'Shaodong'],
    ],
  },
  '44': {
    weight: 290,
    short: ['广东', 'Guangdong'],
    cities: [
      ['广州', 'Guangzhou'],
      ['深圳', 'Shenzhen'],
      ['佛山', 'Foshan'],
      ['东莞', 'Dongguan'],
      ['汕头', 'Shantou'],
      ['湛江', 'Zhanjiang'],
      ['惠州', 'Huizhou'],
    ],
    counties: [
      ['台山', 'Taishan'],
      ['普宁', 'Puning'],
      ['英德', 'Yingde'],
    ],
  },
  '45': {
    weight: 130,
    short: ['广西', 'Guangxi'],
    cities: [
      ['南宁', 'Nanning'],
      ['柳州', 'Liuzhou'],
      ['桂林', 'Guilin'],
      ['玉林', 'Yulin'],
      ['北海', 'Beihai'],
    ],
    counties: [
      ['桂平', 'Guiping'],
      ['北流', 'Beiliu'],
      ['宾阳', 'Binyang'],
    ],
  },
  '46': {
    weight: 20,
    short: ['海南', 'Hainan'],
    cities: [
      ['海口', 'Haikou'],
      ['三亚', 'Sanya'],
      ['儋州', 'Danzhou'],
    ],
    counties: [
      ['琼海', 'Qionghai'],
      ['万宁', 'Wanning'],
      ['文昌', 'Wenchang'],
    ],
  },
  '50': {
    weight: 90,
    short: ['重庆', 'Chongqing'],
    cities: [['重庆', 'Chongqing']],
    counties: [
      ['万州', 'Wanzhou'],
      ['涪陵', 'Fuling'],
      ['永川', 'Yongchuan'],
    ],
  },
  '51': {
    weight: 220,
    short: ['四川', 'Sichuan'],
    cities: [
      ['成都', 'Chengdu'],
      ['绵阳', 'Mianyang'],
      ['德阳', 'Deyang'],
      ['南充', 'Nanchong'],
      ['宜宾', 'Yibin'],
      ['泸州', 'Luzhou'],
    ],
    counties: [
      ['简阳', 'Jianyang'],
      ['江油', 'Jiangyou'],
      ['仁寿', 'Renshou'],
    ],
  },
  '52': {
    weight: 100,
    short: ['贵州', 'Guizhou'],
    cities: [
      ['贵阳', 'Guiyang'],
      ['遵义', 'Zunyi'],
      ['六盘水', 'Liupanshui'],
      ['安顺', 'Anshun'],
      ['毕节', 'Bijie'],
    ],
    counties: [
      ['仁怀', 'Renhuai'],
      ['威宁', 'Weining'],
      ['盘州', 'Panzhou'],
    ],
  },
  '53': {
    weight: 110,
    short: ['云南', 'Yunnan'],
    cities: [
      ['昆明', 'Kunming'],
      ['曲靖', 'Qujing'],
      ['大理', 'Dali'],
      ['蒙自', 'Mengzi'],
      ['玉溪', 'Yuxi'],
    ],
    counties: [
      ['宣威', 'Xuanwei'],
      ['腾冲', 'Tengchong'],
      ['弥勒', 'Mile'],
    ],
  },
  '54': {
    weight: 5,
    short: ['西藏', 'Xizang'],
    cities: [
      ['拉萨', 'Lhasa'],
      ['日喀则', 'Shigatse'],
      ['林芝', 'Nyingchi'],
    ],
    counties: [
      ['乃东', 'Nedong'],
      ['江孜', 'Gyangze'],
      ['昌都', 'Qamdo'],
    ],
  },
  '61': {
    weight: 80,
    short: ['陕西', 'Shaanxi'],
    cities: [
      ['西安', 'Xi’an'],
      ['宝鸡', 'Baoji'],
      ['咸阳', 'Xianyang'],
      ['渭南', 'Weinan'],
      ['汉中', 'Hanzhong'],
    ],
    counties: [
      ['神木', 'Shenmu'],
      ['韩城', 'Hancheng'],
      ['兴平', 'Xingping'],
    ],
  },
  '62': {
    weight: 50,
    short: ['甘肃', 'Gansu'],
    cities: [
      ['兰州', 'Lanzhou'],
      ['天水', 'Tianshui'],
      ['酒泉', 'Jiuquan'],
      ['张掖', 'Zhangye'],
    ],
    counties: [
      ['敦煌', 'Dunhuang'],
      ['临夏', 'Linxia'],
      ['陇西', 'Longxi'],
    ],
  },
  '63': {
    weight: 10,
    short: ['青海', 'Qinghai'],
    cities: [
      ['西宁', 'Xining'],
      ['海东', 'Haidong'],
      ['格尔木', 'Golmud'],
    ],
    counties: [
      ['互助', 'Huzhu'],
      ['湟中', 'Huangzhong'],
      ['大通', 'Datong'],
    ],
  },
  '64': {
    weight: 15,
    short: ['宁夏', 'Ningxia'],
    cities: [
      ['银川', 'Yinchuan'],
      ['石嘴山', 'Shizuishan'],
      ['吴忠', 'Wuzhong'],
      ['固原', 'Guyuan'],
    ],
    counties: [
      ['灵武', 'Lingwu'],
      ['青铜峡', 'Qingtongxia'],
      ['中宁', 'Zhongning'],
    ],
  },
  '65': {
    weight: 60,
    short: ['新疆', 'Xinjiang'],
    cities: [
      ['乌鲁木齐', 'Urumqi'],
      ['克拉玛依', 'Karamay'],
      ['喀什', 'Kashgar'],
      ['伊宁', 'Yining'],
      ['库尔勒', 'Korla'],
    ],
    counties: [
      ['沙湾', 'Shawan'],
      ['温宿', 'Wensu'],
      ['巴楚', 'Bachu'],
    ],
  },
};

/** Course domains of the demo curriculum (see curriculum.ts). */
export type CourseDomain =
  | 'agriculture'
  | 'construction'
  | 'mechanical'
  | 'automation'
  | 'automotive'
  | 'electronics'
  | 'computing'
  | 'nursing'
  | 'childcare'
  | 'eldercare'
  | 'finance'
  | 'ecommerce'
  | 'logistics'
  | 'media';

/** The industry word in an institution's name, and the course domains it leans to. */
export interface Industry {
  zh: string;
  en: string;
  leansTo: readonly CourseDomain[];
}

export const industries: readonly Industry[] = [
  { zh: '信息', en: 'Information', leansTo: ['computing', 'electronics', 'media', 'ecommerce'] },
  { zh: '科技', en: 'Science and Technology', leansTo: ['computing', 'electronics', 'automation'] },
  { zh: '工业', en: 'Industrial', leansTo: ['mechanical', 'automation', 'automotive'] },
  { zh: '机电', en: 'Electromechanical', leansTo: ['automation', 'mechanical', 'electronics'] },
  { zh: '交通', en: 'Transport', leansTo: ['automotive', 'logistics'] },
  { zh: '商贸', en: 'Commerce and Trade', leansTo: ['ecommerce', 'logistics', 'finance'] },
  { zh: '财经', en: 'Finance and Economics', leansTo: ['finance', 'ecommerce'] },
  { zh: '建筑', en: 'Construction', leansTo: ['construction'] },
  { zh: '卫生', en: 'Health', leansTo: ['nursing', 'childcare', 'eldercare'] },
  { zh: '农林', en: 'Agriculture and Forestry', leansTo: ['agriculture', 'ecommerce'] },
  { zh: '城市', en: 'Urban', leansTo: ['construction', 'eldercare', 'ecommerce'] },
  { zh: '传媒', en: 'Media', leansTo: ['media', 'computing'] },
];

/** Made-up "字号" (trade names) for institution names. */
export const tradeNames: readonly Place[] = [
  ['星河', 'Xinghe'],
  ['云帆', 'Yunfan'],
  ['青禾', 'Qinghe'],
  ['启明', 'Qiming'],
  ['致远', 'Zhiyuan'],
  ['博雅', 'Boya'],
  ['远航', 'Yuanhang'],
  ['晨曦', 'Chenxi'],
  ['新桥', 'Xinqiao'],
  ['锦程', 'Jincheng'],
  ['鸿达', 'Hongda'],
  ['明理', 'Mingli'],
  ['华章', 'Huazhang'],
  ['立信', 'Lixin'],
  ['广才', 'Guangcai'],
  ['弘业', 'Hongye'],
  ['景行', 'Jingxing'],
  ['知行', 'Zhixing'],
  ['长风', 'Changfeng'],
  ['松涛', 'Songtao'],
  ['翠湖', 'Cuihu'],
  ['南山', 'Nanshan'],
  ['东湖', 'Donghu'],
  ['西岭', 'Xiling'],
  ['金穗', 'Jinsui'],
  ['银杏', 'Yinxing'],
  ['杏林', 'Xinglin'],
  ['匠心', 'Jiangxin'],
  ['精工', 'Jinggong'],
  ['卓越', 'Zhuoyue'],
];

export const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
