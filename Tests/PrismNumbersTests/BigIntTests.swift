import Testing
@testable import PrismNumbers

@Suite struct BigIntTests {
    @Test func ringLawsOnRandomValues() {
        var g = SplitMix64(seed: 1)
        for _ in 0..<300 {
            let a = BigInt.random(maxDigits: 60, using: &g)
            let b = BigInt.random(maxDigits: 60, using: &g)
            let c = BigInt.random(maxDigits: 60, using: &g)
            #expect(a + b == b + a)
            #expect((a + b) + c == a + (b + c))
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - a == 0)
            #expect(a + (-a) == 0)
            #expect(a * 1 == a)
            if !b.isZero {
                let (q, r) = try! a.quotientAndRemainder(dividingBy: b)
                #expect(q * b + r == a)
                #expect(r.magnitude < b.magnitude)
                #expect(r.isZero || r.signum == a.signum)
                let (fq, fr) = try! a.flooredDivision(by: b)
                #expect(fq * b + fr == a)
                #expect(fr.isZero || fr.signum == b.signum)
            }
        }
    }

    @Test func inPlaceOperatorsDoNotLeakIntoCopies() {
        var a: BigInt = 5
        let copy = a
        a += 10
        a *= 3
        a -= 1
        #expect(a == 44)
        #expect(copy == 5)
    }

    @Test func textRoundTripAndHashing() {
        var g = SplitMix64(seed: 2)
        for _ in 0..<200 {
            let a = BigInt.random(maxDigits: 80, using: &g)
            #expect(BigInt(a.description) == a)
            #expect(BigInt(a.description)!.hashValue == a.hashValue)
        }
        #expect(BigInt("+17") == 17)
        #expect(BigInt("") == nil)
        #expect(BigInt("-") == nil)
        #expect(BigInt("12a") == nil)
        #expect(BigInt("1e5") == nil)
        #expect(Set([BigInt(3), BigInt("3")!, BigInt(4)]).count == 2)
    }

    @Test func combinatorics() throws {
        #expect(try BigInt.factorial(0) == 1)
        #expect(try BigInt.factorial(20) == BigInt(2_432_902_008_176_640_000))
        #expect(try BigInt.factorial(25).description == "15511210043330985984000000")
        #expect(try BigInt.doubleFactorial(9) == 945)
        #expect(try BigInt.doubleFactorial(10) == 3840)
        #expect(try BigInt.doubleFactorial(-1) == 1)
        #expect(try BigInt.binomial(10, 3) == 120)
        #expect(try BigInt.binomial(-3, 2) == 6) // binom(−3, 2) = (−3)(−4)/2
        #expect(try BigInt.binomial(5, -1) == 0)
        // Pascal's rule on random rows.
        for n in 1..<60 { for k in 1..<n { #expect(try BigInt.binomial(BigInt(n), k) == BigInt.binomial(BigInt(n - 1), k - 1) + BigInt.binomial(BigInt(n - 1), k)) } }
        #expect(BigInt.gcd(12, 18) == 6)
        #expect(BigInt.gcd(0, 0) == 0)
        #expect(BigInt.lcm(4, 6) == 12)
        #expect(try BigInt(2).power(100).description == "1267650600228229401496703205376")
        #expect(try BigInt(-3).power(3) == -27)
    }

    @Test func badInputThrowsInsteadOfAborting() {
        #expect(throws: PrismError.divisionByZero) { try BigInt(1).quotientAndRemainder(dividingBy: 0) }
        #expect(throws: PrismError.self) { try BigInt.factorial(-1) }
        #expect(throws: PrismError.self) { try BigInt.factorial(BigInt.maxFactorialArgument + 1) }
        #expect(throws: PrismError.self) { try BigInt(3).power(1 << 40) }
        #expect(throws: PrismError.self) { try BigInt(3).power(-1) }
    }

    @Test func codableAsString() throws {
        let a = BigInt("-123456789012345678901234567890")!
        let data = try JSONEncoderShim.encode(a)
        #expect(data == "\"-123456789012345678901234567890\"")
        #expect(try JSONEncoderShim.decode(BigInt.self, data) == a)
    }
}
