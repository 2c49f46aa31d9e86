/// The two-argument arc tangent to within 1e-12 radians, for bearings.
///
/// Why not the C library's `atan2`: a nearest answer reports a bearing for every result, and glibc's
/// `atan2` (correctly rounded, with its slow paths) cost about 190 instructions a call, a twentieth of a
/// whole 10k-station query. A bearing is shown to a tenth of a degree; this one is good to better than 1e-10
/// degrees with one division and a short polynomial.
///
/// Method: fold the angle into the first octant (`0 <= a = min/max <= 1`); above tan(15 deg) shift by
/// 30 deg with atan(a) = pi/6 + atan((a sqrt3 - 1) / (a + sqrt3)), leaving |t| <= tan(15 deg) = 0.268;
/// there the Taylor series of atan to t^17 is off by under t^19 / 19 < 1e-12. Then unfold.
enum ArcTangent {
    /// atan2(y, x) in radians, in [-pi, pi], with the C function's signs: `y` = +0 or -0 with `x` > 0
    /// gives +0 or -0, with `x` < 0 gives +pi or -pi; (0, 0) gives 0 (signed like `y`).
    @inline(__always)
    static func radians(y: Double, x: Double) -> Double {
        let ax = abs(x)
        let ay = abs(y)
        // Which octant a bearing falls in is a coin toss for a branch predictor (about 9 mispredictions a
        // query with branches), so the folding and unfolding below choose by bit masks.
        let steep = ay > ax
        let big = select(steep, ay, ax)
        guard big > 0 else { return x.sign == .minus ? (y.sign == .minus ? -Double.pi : .pi) : y }
        let small = select(steep, ax, ay)
        let sqrt3 = 1.7320508075688772
        // a = small / big; above tan 15 deg, t = (a sqrt3 - 1) / (a + sqrt3) = (small sqrt3 - big) / (small + big sqrt3):
        // one division either way.
        let shifted = small > 0.2679491924311227 * big
        let t = select(shifted, small * sqrt3 - big, small) / select(shifted, small + big * sqrt3, big)
        let t2 = t * t
        // atan t = t + t^3 (-1/3 + t^2/5 - t^4/7 + ... + t^14/17), Horner in t^2.
        var q = 1.0 / 17
        q = q * t2 - 1.0 / 15
        q = q * t2 + 1.0 / 13
        q = q * t2 - 1.0 / 11
        q = q * t2 + 1.0 / 9
        q = q * t2 - 1.0 / 7
        q = q * t2 + 1.0 / 5
        q = q * t2 - 1.0 / 3
        var r = t + t * t2 * q
        r = select(shifted, Double.pi / 6, 0) + r
        r = select(steep, Double.pi / 2 - r, r)
        r = select(x < 0, Double.pi - r, r)
        // r >= 0 here: give it the sign of y (so +0/-0 and +pi/-pi follow y).
        return Double(bitPattern: r.bitPattern | y.bitPattern & (1 << 63))
    }

    /// `condition ? a : b` by masks, never a branch.
    @inline(__always)
    static func select(_ condition: Bool, _ a: Double, _ b: Double) -> Double {
        let mask = 0 &- UInt64(condition ? 1 : 0)
        return Double(bitPattern: a.bitPattern & mask | b.bitPattern & ~mask)
    }
}
