import Testing
import PrismNumbers
@testable import PrismConvolutional

@Suite struct ArchitectureTests {
    @Test func canonicalOrder() throws {
        let a = try ConvolutionalArchitecture(channels: 3, pixels: 2, filters: [2])
        #expect(try a.multiIndices(maxDegree: 2) == [[0, 0], [0, 1], [1, 0], [0, 2], [1, 1], [2, 0]])
    }
}
