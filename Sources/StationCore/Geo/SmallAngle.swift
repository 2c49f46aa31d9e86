#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The sine and arc sine of the small angles that separate nearby points, by their Taylor series, and
/// the cosine of a latitude a small step from one whose sine and cosine are known; each falls back to
/// the C library outside the range where its series is exact to the last bit or so.
///
/// Why: a nearest search measures a handful of stations exactly, and each measurement took three
/// sines or cosines and an arc sine from glibc, about 200 instructions together: a tenth of a whole
/// 10k-station query. Between a worker and a station the half-angles are a few thousandths of a radian,
/// where these polynomials agree with glibc to within an ulp (the tests compare them on a million
/// arguments). Every distance in the package goes through ``HaversineTerms``, so the search and any
/// brute-force check still compute the same bits.
@usableFromInline
enum SmallAngle {
    /// ``sine(_:)`` uses its series for |x| up to this (radians): 1/8 rad is 800 km of latitude.
    @usableFromInline static let sineLimit = 0.125

    /// sin x. For |x| <= 1/8 the series to x^13: the first term left out, x^15 / 15!, is below
    /// 1e-24 |x|, and the correction to x is below x^3 / 6, so its rounding stays under a hundredth of
    /// an ulp of the result.
    @inlinable @inline(__always)
    static func sine(_ x: Double) -> Double {
        guard abs(x) <= sineLimit else { return sin(x) }
        let x2 = x * x
        var p = -1.0 / 6_227_020_800  // -1/13!
        p = p * x2 + 1.0 / 39_916_800  // 1/11!
        p = p * x2 - 1.0 / 362_880  // -1/9!
        p = p * x2 + 1.0 / 5_040  // 1/7!
        p = p * x2 - 1.0 / 120  // -1/5!
        p = p * x2 + 1.0 / 6  // 1/3!
        return x - x * x2 * p
    }

    /// ``arcSine(_:)`` uses its series for |x| up to this: a central angle of 0.1 rad, 637 km.
    @usableFromInline static let arcSineLimit = 0.05

    /// asin x. For |x| <= 0.05 the series to x^17, whose next term is below 1e-25 |x|.
    @inlinable @inline(__always)
    static func arcSine(_ x: Double) -> Double {
        guard abs(x) <= arcSineLimit else { return asin(x) }
        let x2 = x * x
        // Coefficients (2n)! / (4^n (n!)^2 (2n + 1)) for n = 8 down to 1.
        var p = 6_435.0 / 557_056
        p = p * x2 + 429.0 / 30_720
        p = p * x2 + 231.0 / 13_312
        p = p * x2 + 63.0 / 2_816
        p = p * x2 + 35.0 / 1_152
        p = p * x2 + 5.0 / 112
        p = p * x2 + 3.0 / 40
        p = p * x2 + 1.0 / 6
        return x + x * x2 * p
    }

    /// cos(φ + Δφ) from sin φ, cos φ and s = sin(Δφ / 2), when |Δφ / 2| <= ``sineLimit``:
    /// cos φ cos Δφ - sin φ sin Δφ with cos Δφ = 1 - 2 s^2 and sin Δφ = 2 s sqrt(1 - s^2). Within a few
    /// ulps of the cosine of the summed angle (no cancellation away from the poles, where the cosine is
    /// near 0 and only its absolute error, about 1e-16, matters to a distance).
    @inlinable @inline(__always)
    static func cosineOfSum(sinPhi: Double, cosPhi: Double, sinHalfDelta s: Double) -> Double {
        cosPhi * (1 - 2 * s * s) - sinPhi * (2 * s * (1 - s * s).squareRoot())
    }
}
