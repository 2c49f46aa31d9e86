/// The columns of a station ledger, with the English names (the station JSON keys) and the
/// Chinese headers a union's spreadsheet uses.
enum LedgerField: Int, CaseIterable, Sendable {
    case id, name, lon, lat, address, district, grade, organization, hostType, openingHours,
        amenities, phone, status, rating, lastInspected

    /// The English column / property name.
    var key: String {
        switch self {
        case .hostType: return "host_type"
        case .openingHours: return "opening_hours"
        case .lastInspected: return "last_inspected"
        default: return String(describing: self)
        }
    }

    /// The header the Chinese ledger template uses.
    var chineseHeader: String {
        switch self {
        case .id: return "编号"
        case .name: return "名称"
        case .lon: return "经度"
        case .lat: return "纬度"
        case .address: return "地址"
        case .district: return "区"
        case .grade: return "等级"
        case .organization: return "单位"
        case .hostType: return "类型"
        case .openingHours: return "开放时间"
        case .amenities: return "服务设施"
        case .phone: return "电话"
        case .status: return "状态"
        case .rating: return "星级"
        case .lastInspected: return "检查日期"
        }
    }

    /// Columns a ledger must have; the others may be left out or empty.
    static let required: [LedgerField] = [.id, .name, .lon, .lat, .grade, .openingHours]

    /// The field a header (English or Chinese, surrounding spaces and case ignored) names.
    static func named(_ header: String) -> LedgerField? {
        let h = header.trimmingWhitespace().lowercased()
        return byName[h]
    }

    private static let byName: [String: LedgerField] = {
        var map: [String: LedgerField] = [:]
        for f in allCases {
            map[f.key] = f
            map[f.chineseHeader] = f
        }
        map["district_adcode"] = .district
        map["区县"] = .district
        map["所属区"] = .district
        return map
    }()

    static var englishHeaderList: String { allCases.map(\.key).joined(separator: ",") }
}
