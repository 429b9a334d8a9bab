import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import PrismNumbers
@testable import PrismTables

@Suite struct SVGDocumentTests {
    @Test(arguments: [(0.0, "0"), (-0.0, "0"), (-0.004, "0"), (12.0, "12"), (12.5, "12.5"), (12.05, "12.05"),
                      (-3.25, "-3.25"), (0.1, "0.1"), (1.005, "1"), (999.999, "1000"), (Double.nan, "0")])
    func numbersAreFixedPoint(_ x: Double, _ expected: String) {
        // 1.005 is just below its decimal spelling in binary, and 100.499… rounds down.
        #expect(SVGDocument.number(x) == expected)
    }

    @Test func escaping() {
        #expect(SVGDocument.escape("a<b & \"c\" > d") == "a&lt;b &amp; &quot;c&quot; &gt; d")
    }

    @Test func shiftedRunsAreSelfContainedTspans() {
        var doc = SVGDocument(width: 10, height: 10)
        doc.text([.init("10"), .init("−3", superscript: true), .init(" m")], x: 1, y: 2, size: 10)
        #expect(doc.rendered.contains("<text x=\"1\" y=\"2\" font-size=\"10\" text-anchor=\"start\">10<tspan baseline-shift=\"super\" font-size=\"7\">−3</tspan> m</text>"))
    }

    /// `_{…}` and `^{…}` become sub- and superscripts; bare underscores (activation names) stay text.
    @Test func mathMarkup() {
        #expect(SVGDocument.math("μ_{k}(κ_{ℓ})") == [.init("μ"), .init("k", shift: .subscript), .init("(κ"), .init("ℓ", shift: .subscript), .init(")")])
        #expect(SVGDocument.math("S^{9}") == [.init("S"), .init("9", shift: .superscript)])
        #expect(SVGDocument.math("leaky_relu(1/10)") == [.init("leaky_relu(1/10)")])
        #expect(SVGDocument.math("a_{b") == [.init("a_{b")])
        #expect(SVGDocument.math("") == [.init("")])
        var doc = SVGDocument(width: 10, height: 10)
        doc.text("μ_{k}", x: 0, y: 0, size: 10)
        #expect(doc.rendered.contains(">μ<tspan baseline-shift=\"sub\" font-size=\"7\">k</tspan></text>"))
    }
}

@Suite struct PlotAxisTests {
    @Test func logAxisEndsAtTheData() throws {
        let axis = try PlotAxis(label: "y", scale: .log, covering: [3e-7, 0.02, 0.5])
        #expect(axis.lower == 3e-7 && axis.upper == 0.5)
        let labelled = axis.ticks.filter { !$0.label.isEmpty }
        #expect(labelled.map(\.value) == (-6 ... -1).map { pow(10, Double($0)) })
        #expect(labelled[0].label == [.init("10"), .init("\u{2212}6", superscript: true)])
        #expect(axis.fraction(3e-7) == 0 && axis.fraction(0.5) == 1)
        #expect(axis.ticks.allSatisfy { $0.value >= 3e-7 && $0.value <= 0.5 })
        // Exact powers of ten at the ends are ticks.
        let exact = try PlotAxis(label: "y", scale: .log, covering: [1e-3, 1e2])
        #expect(exact.lower == 1e-3 && exact.upper == 1e2)
        #expect(exact.ticks.first?.value == 1e-3 && exact.ticks.last?.value == 1e2)
    }

    @Test func longLogAxesLabelEveryFewDecades() throws {
        let axis = try PlotAxis(label: "y", scale: .log, covering: [1e-120, 1])
        let labelled = axis.ticks.filter { !$0.label.isEmpty }
        #expect(labelled.count <= PlotAxis.maxLabels && labelled.count >= 5)
        #expect(axis.ticks.count == 121) // every decade ticked, no 2…9 minor ticks
        #expect(PlotAxis.step(span: 9) == 1 && PlotAxis.step(span: 10) == 2 && PlotAxis.step(span: 40) == 5 && PlotAxis.step(span: 120) == 20)
    }

    @Test func shortLogAxesHaveMinorTicks() throws {
        let axis = try PlotAxis(label: "ratio", scale: .log, covering: [1, 5.8])
        #expect(axis.lower == 1 && axis.upper == 5.8)
        #expect(axis.ticks.map(\.value) == [1, 2, 3, 4, 5])
        #expect(axis.ticks.filter { !$0.label.isEmpty }.map(\.value) == [1, 2, 5])
        #expect(PlotAxis.multipleLabel(5, -2) == [.init("0.05")] && PlotAxis.multipleLabel(2, 1) == [.init("20")])
        // Inside one decade without a 2 or 5: every minor tick is labelled.
        let narrow = try PlotAxis(label: "y", scale: .log, covering: [3.1, 4.6])
        #expect(narrow.ticks.map(\.value) == [4] && narrow.ticks[0].label == [.init("4")])
    }

    @Test func linearAxisHasNiceIntegerTicks() throws {
        let axis = try PlotAxis(label: "k", scale: .linear, covering: [1, 3, 5])
        #expect(axis.ticks.map(\.value) == [1, 2, 3, 4, 5])
        let wide = try PlotAxis(label: "n", scale: .linear, covering: [0, 37])
        #expect(wide.ticks.map(\.value) == [0, 5, 10, 15, 20, 25, 30, 35]) // the axis ends at 37, the data
        let fractional = try PlotAxis(label: "x", scale: .linear, covering: [0, 0.35])
        #expect(fractional.ticks.map { $0.label.first!.text } == ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.35"])
    }

    @Test func badDataIsATypedError() {
        #expect(throws: PrismError.self) { try PlotAxis(label: "y", scale: .log, covering: [1, 0]) }
        #expect(throws: PrismError.self) { try PlotAxis(label: "y", scale: .log, covering: []) }
        #expect(throws: PrismError.self) { try PlotAxis(label: "y", scale: .linear, covering: [1, .infinity]) }
    }
}

@Suite struct PlotFigureTests {
    func figure(title: String = "μ_k <decay> & more") -> PlotFigure {
        let points = (1...20).map { PlotSeries.Point(x: Double($0), y: pow(Double($0), -3)) }
        return PlotFigure(title: title, xLabel: "k", yLabel: "μ_k", xScale: .log, yScale: .log,
                          series: [PlotSeries(name: "k^-3", points: points), PlotSeries(name: "single", points: [.init(x: 2, y: 0.5)])],
                          notes: ["k = 0 not drawn"])
    }

    @Test func svgIsWellFormedAndDeterministic() throws {
        let svg = try figure().svg()
        #expect(svg == (try figure().svg()))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("μ_k &lt;decay&gt; &amp; more"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1) // a one-point series has no line
        #expect(svg.contains("k = 0 not drawn"))
        // Points map into the plot area: k = 1, μ = 1 is its top-left corner (84, 48); k = 20 lies left of 100.
        #expect(svg.contains("<circle cx=\"84\" cy=\"48\""))
    }

    /// --no-caption drops the caption lines (and the space for them); reference curves are dashed grey
    /// without markers.
    @Test func captionAndReferenceCurves() throws {
        var f = figure()
        f.series.append(PlotSeries(name: "fit ∝ k^{−3}", points: [.init(x: 1, y: 1), .init(x: 20, y: 1.25e-4)], style: .reference))
        let with = try f.svg()
        #expect(with.contains("k = 0 not drawn"))
        #expect(with.contains("stroke=\"#666666\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-dasharray=\"5 4\""))
        #expect(with.contains("fit ∝ k<tspan baseline-shift=\"super\" font-size=\"8.4\">−3</tspan>"))
        #expect(with.components(separatedBy: "<circle").count - 1 == 20 + 1 + 2) // data markers and two data legends
        f.showsCaption = false
        let without = try f.svg()
        #expect(!without.contains("k = 0 not drawn"))
        #expect(without.contains("height=\"450\"") && with.contains("height=\"466\""))
    }

    @Test func longCaptionLinesWrapAtSpaces() {
        let lines = PlotFigure.wrap(String(repeating: "word ", count: 40).trimmingCharacters(in: .whitespaces), width: 30)
        #expect(lines.count == 8 && lines.allSatisfy { $0.count <= 30 })
        #expect(lines[1].hasPrefix("   word"))
        #expect(PlotFigure.wrap("short", width: 30) == ["short"])
    }

    @Test func nothingToDrawOrNonPositiveIsATypedError() {
        var empty = figure()
        empty.series = [PlotSeries(name: "none", points: [])]
        #expect(throws: PrismError.self) { try empty.svg() }
        var zero = figure()
        zero.series[0].points.append(.init(x: 3, y: 0))
        #expect(throws: PrismError.self) { try zero.svg() }
    }
}
