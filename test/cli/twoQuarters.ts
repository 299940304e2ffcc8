/*
 * Two channels graded over two quarters, shared by the command line's history, record and print tests:
 * C1 falls from 深蓝 (85%) to 黄 (97%), two bands; C2 moves into red (93% → 103%) (RULES.md §12).
 */
export const HEADER = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '分公司',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];

/** The loss, market and non-market ratios of C1 and C2 in each quarter. */
export const RATIOS = {
  1: [
    [0.55, 0.1, 0.2],
    [0.7, 0.2, 0.03],
  ],
  2: [
    [0.67, 0.1, 0.2],
    [0.8, 0.2, 0.03],
  ],
} as const;

/** The sheet's rows in a quarter; C2 belongs to `c2Company`. */
export function quarterRows(quarter: 1 | 2, c2Company = '浙江分公司'): (string | number)[][] {
  const [c1, c2] = RATIOS[quarter];
  return [
    ['C1', '甲经纪', '3301', '浙江分公司', ...c1, 12_000_000, 365, 30_000_000],
    ['C2', '乙代理', '3301', c2Company, ...c2, 3_000_000, 365, 10_000_000],
  ];
}
