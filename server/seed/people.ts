import { makeResidentId } from '../../rules/identity/resident-id';

/** Real county-level area codes with their addresses' prefixes (for generated, realistic people). */
const AREAS: [string, string][] = [
  ['110101', '北京市东城区'],
  ['110105', '北京市朝阳区'],
  ['310101', '上海市黄浦区'],
  ['310115', '上海市浦东新区'],
  ['440305', '广东省深圳市南山区'],
  ['440106', '广东省广州市天河区'],
  ['330106', '浙江省杭州市西湖区'],
  ['320102', '江苏省南京市玄武区'],
  ['510104', '四川省成都市锦江区'],
  ['420106', '湖北省武汉市武昌区'],
  ['610113', '陕西省西安市雁塔区'],
  ['370202', '山东省青岛市市南区'],
  ['350203', '福建省厦门市思明区'],
  ['500103', '重庆市渝中区'],
  ['430104', '湖南省长沙市岳麓区'],
  ['410105', '河南省郑州市金水区'],
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建华晶飞鑫宇浩然梓涵子轩欣怡思远佳琪一诺雨桐梓萱诗涵俊杰博文天佑晨曦';
const STREETS = ['人民路', '建设路', '中山路', '解放路', '和平路', '新华街', '文化路', '长江路', '黄河路', '科技园路'];
const SHOP_WORDS = ['好物', '优选', '小铺', '生活馆', '严选', '工坊', '家居', '鲜果', '茶舍', '服饰'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '166', '177', '180', '181', '186', '187', '188', '189', '199'];

/** A small deterministic PRNG (mulberry32) so demo and benchmark data are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Person {
  realName: string;
  residentId: string;
  birthDate: string;
  mobile: string;
  address: string;
  shopName: string;
}

/** One realistic person: Chinese name, valid 18-digit resident ID, +86 mobile, detailed address. */
export function makePerson(next: () => number, index: number): Person {
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(next() * xs.length)];
  const surname = pick(SURNAMES);
  const given = pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
  const [area, prefix] = pick(AREAS);
  const year = 1960 + Math.floor(next() * 45);
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const mobile = `+86${pick(MOBILE_PREFIXES)}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`;
  return {
    realName: surname + given,
    residentId: makeResidentId(area, birthDate, Math.floor(next() * 1000)),
    birthDate,
    mobile,
    address: `${prefix}${pick(STREETS)}${1 + Math.floor(next() * 300)}号${1 + Math.floor(next() * 20)}栋${101 + Math.floor(next() * 20)}室`,
    shopName: `${surname}${given.slice(0, 1)}的${pick(SHOP_WORDS)}${index}`,
  };
}
