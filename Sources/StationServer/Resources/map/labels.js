// Words the map shows, Chinese first with English beside, and its colours.
'use strict';

window.MapLabels = {
  amenities: {
    drinking_water: '饮用水 Drinking water', hot_water: '热水 Hot water', seating: '座椅 Seating',
    toilet: '厕所 Toilet', heating: '取暖 Heating', air_conditioning: '空调 Air conditioning',
    microwave: '微波炉 Microwave', phone_charging: '手机充电 Phone charging',
    ebike_charging: '电动车充电 E-bike charging', wifi: '无线网络 Wi-Fi', first_aid: '急救药箱 First aid',
    reading: '书报 Reading', storage: '储物 Storage', nursing_room: '母婴室 Nursing room',
  },
  hostTypes: {
    bank: '银行 Bank', convenience_store: '便利店 Convenience store', gas_station: '加油站 Gas station',
    union_office: '工会服务站 Union office', community_centre: '社区/党群服务中心 Community centre',
    shop: '商铺 Shop', restaurant: '餐馆 Restaurant', employer: '用人单位 Employer', other: '其他 Other',
  },
  grades: {
    A: 'A 级：公共区域，对所有人开放 · public, fully equipped',
    B: 'B 级：公共区域，对所有人开放 · public',
    C: 'C 级：仅限本单位会员 · members of one employer only',
  },
  states: {
    open: '开放 Open', closed: '关闭 Closed', unknown: '未知 Unknown', inactive: '停用 Out of service',
  },
  weekdays: ['一 Mo', '二 Tu', '三 We', '四 Th', '五 Fr', '六 Sa', '日 Su'],

  /** Fill colour of a coverage percentage: dark where few are covered (the gaps), light where most are. */
  coverageColor(pct) {
    const bins = this.coverageBins;
    for (let i = bins.length - 1; i >= 0; i--) if (pct >= bins[i].from) return bins[i].color;
    return bins[0].color;
  },
  coverageBins: [
    { from: 0, color: '#1c0a33' }, { from: 10, color: '#4a1167' }, { from: 25, color: '#86257a' },
    { from: 50, color: '#c43c6d' }, { from: 75, color: '#f07452' }, { from: 90, color: '#fcc176' },
  ],
  gradeColors: { A: '#ff8c1a', B: '#35b6ff', C: '#56e07a' },
};
