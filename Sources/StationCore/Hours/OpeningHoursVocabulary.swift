/// Words the parser understands: weekday and month names (English, and German as found in
/// OpenStreetMap data), state keywords and variable times.
enum HoursVocabulary {
    /// 0 = Monday ... 6 = Sunday.
    static func weekday(_ word: String) -> Int? {
        switch word {
        case "mo", "mon", "monday", "montag", "montags": return 0
        case "tu", "tue", "tues", "tuesday", "di", "dienstag", "dienstags": return 1
        case "we", "wed", "wednesday", "mi", "mittwoch", "mittwochs": return 2
        case "th", "thu", "thur", "thurs", "thursday", "do", "donnerstag", "donnerstags": return 3
        case "fr", "fri", "friday", "freitag", "freitags": return 4
        case "sa", "sat", "saturday", "samstag", "samstags", "sonnabend": return 5
        case "su", "sun", "sunday", "so", "sonntag", "sonntags": return 6
        default: return nil
        }
    }

    /// 1 = January ... 12 = December.
    static func month(_ word: String) -> Int? {
        switch word {
        case "jan", "january", "januar": return 1
        case "feb", "february", "februar": return 2
        case "mar", "march", "mär", "märz", "maerz": return 3
        case "apr", "april": return 4
        case "may", "mai": return 5
        case "jun", "june", "juni": return 6
        case "jul", "july", "juli": return 7
        case "aug", "august": return 8
        case "sep", "sept", "september": return 9
        case "oct", "october", "okt", "oktober": return 10
        case "nov", "november": return 11
        case "dec", "december", "dez", "dezember": return 12
        default: return nil
        }
    }

    /// State keywords and their state code.
    static func state(_ word: String) -> UInt8? {
        switch word {
        case "open": return StateCode.open
        case "closed", "off", "geschlossen", "geschl": return StateCode.closed
        case "unknown": return StateCode.unknown
        default: return nil
        }
    }

    /// Minutes after midnight used for sun events (no coordinates: the reference's constants).
    static func event(_ word: String) -> Int? {
        switch word {
        case "dawn": return 5 * 60 + 30
        case "sunrise": return 6 * 60
        case "sunset": return 18 * 60
        case "dusk": return 18 * 60 + 30
        default: return nil
        }
    }

    /// Words that join list items like a comma.
    static func isConjunction(_ word: String) -> Bool {
        word == "and" || word == "und" || word == "et" || word == "y"
    }

    static func isWeekend(_ word: String) -> Bool { word == "weekend" || word == "weekends" || word == "we_" }
}
