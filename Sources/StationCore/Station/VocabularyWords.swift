/// Reads the vocabulary words people type (grade, host type, status, amenities), accepting the
/// English raw values in any case and the Chinese words a ledger commonly uses. The importer,
/// the CLI's options and the API's parameters all read words through this one table.
public enum VocabularyWords {
    public static func grade(_ text: String) -> Grade? {
        if let g = Grade(rawValue: text) { return g }
        var t = text.uppercased()
        for suffix in ["级", "类", " GRADE"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        if let g = Grade(rawValue: t) { return g }
        return ["甲": .A, "乙": .B, "丙": .C][t]
    }

    public static func hostType(_ text: String) -> HostType? {
        if let h = HostType(rawValue: text) { return h }
        if let h = HostType(rawValue: text.lowercased().replacingSpaces()) { return h }
        return hostTypeWords[text]
    }

    public static func status(_ text: String) -> StationStatus? {
        if let s = StationStatus(rawValue: text) { return s }
        if let s = StationStatus(rawValue: text.lowercased()) { return s }
        return statusWords[text]
    }

    public static func amenity(_ text: String) -> Amenity? {
        if let a = Amenity(rawValue: text) { return a }  // the common case, no folding needed
        let folded = text.lowercased().replacingSpaces()
        if let a = Amenity(rawValue: folded) { return a }
        if folded == "wi_fi" { return .wifi }
        return amenityWords[text]
    }

    private static let listSeparators: Set<Character> = [",", "，", ";", "；", "、"]

    /// Splits a list typed on a command line or in a query parameter: `,` and its full-width
    /// form `，`, `;`, `；` and `、` all separate items; items are trimmed, empty ones dropped.
    public static func listItems(_ text: String) -> [String] {
        text.split(whereSeparator: listSeparators.contains)
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }

    /// Splits an amenities cell: `;` is the ledger's separator; the full-width `；` and the
    /// enumeration comma `、` of Chinese spreadsheets are accepted too.
    public static func amenityNames(_ cell: String) -> [String] {
        // Fast path for plain ASCII lists (`toilet;wifi`): split the bytes, no grapheme work.
        if cell.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) {
            return cell.utf8.split(separator: UInt8(ascii: ";")).map { String(decoding: $0, as: UTF8.self) }
        }
        return cell.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" })
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }

    private static let hostTypeWords: [String: HostType] = [
        "银行": .bank, "银行网点": .bank, "便利店": .convenience_store, "超市": .convenience_store,
        "加油站": .gas_station, "工会": .union_office, "工会服务站": .union_office, "工会办公室": .union_office,
        "社区": .community_centre, "社区服务中心": .community_centre, "党群服务中心": .community_centre,
        "商铺": .shop, "商店": .shop, "门店": .shop, "中介": .shop, "餐厅": .restaurant, "餐饮": .restaurant,
        "饭店": .restaurant, "企业": .employer, "单位": .employer, "用人单位": .employer, "其他": .other,
    ]

    private static let statusWords: [String: StationStatus] = [
        "正常": .active, "运行": .active, "运营": .active, "启用": .active, "开放": .active,
        "暂停": .suspended, "暂停服务": .suspended, "维修": .suspended, "关闭": .closed, "停用": .closed,
        "撤销": .closed,
    ]

    private static let amenityWords: [String: Amenity] = [
        "饮水": .drinking_water, "饮用水": .drinking_water, "热水": .hot_water, "座椅": .seating,
        "休息": .seating, "休息座椅": .seating, "厕所": .toilet, "卫生间": .toilet, "取暖": .heating,
        "暖气": .heating, "空调": .air_conditioning, "微波炉": .microwave, "手机充电": .phone_charging,
        "充电": .phone_charging, "电动车充电": .ebike_charging, "无线网络": .wifi, "无线网": .wifi,
        "急救": .first_aid, "急救箱": .first_aid, "药箱": .first_aid, "医药箱": .first_aid, "阅读": .reading,
        "书报": .reading, "图书": .reading, "储物": .storage, "存储": .storage, "寄存": .storage,
        "母婴室": .nursing_room, "哺乳室": .nursing_room,
    ]
}

extension String {
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
