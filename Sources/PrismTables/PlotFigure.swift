import PrismNumbers

/// One named set of points of a figure, drawn as a polyline through the points in order with a
/// marker at each (markers are left out past `PlotFigure.maxMarkers` points).
public struct PlotSeries: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// How a series is drawn: data (a coloured line with markers) or a reference curve (a fitted or
    /// reference power law: a dashed grey line without markers).
    public enum Style: Sendable { case data, reference }

    /// The legend entry, in `SVGDocument.math` markup (`μ_{k}, k even`).
    public var name: String
    public var points: [Point]
    public var style: Style

    public init(name: String, points: [Point], style: Style = .data) {
        self.name = name
        self.points = points
        self.style = style
    }
}

/// A line plot rendered as SVG: a title, x and y axes (linear or logarithmic, with decade ticks
/// `10⁻³` on log axes, ending at the data), one polyline per series in a colour-blind-safe palette
/// (Okabe–Ito; dashed after the seventh; reference curves dashed grey), a legend to the right, and
/// caption lines under the plot that say what was left out (exact zeros on a log axis, …). Title,
/// labels, legend and caption are `SVGDocument.math` markup: `_{…}` subscripts, `^{…}` superscripts.
///
/// Deterministic: the SVG text is a function of the figure alone (see `SVGDocument`).
public struct PlotFigure: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: PlotAxis.Scale
    public var yScale: PlotAxis.Scale
    public var series: [PlotSeries]
    /// Lines printed under the plot (the caption), in `SVGDocument.math` markup.
    public var notes: [String]
    /// Whether the caption is drawn (`prism plot --no-caption` leaves it out, for papers that caption
    /// the figure themselves).
    public var showsCaption = true

    /// Series with more points than this are drawn without markers.
    public static let maxMarkers = 150

    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    public init(title: String, xLabel: String, yLabel: String, xScale: PlotAxis.Scale, yScale: PlotAxis.Scale,
                series: [PlotSeries], notes: [String] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.notes = notes
    }

    /// Caption lines longer than this many characters are wrapped at spaces (the caption's 11 px text
    /// then stays within the figure's width).
    public static let captionWidth = 118

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = "   " + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return lines + [line]
    }

    /// The figure as an SVG document.
    ///
    /// Throws `PrismError.domain` when there is no point to draw, a coordinate is not finite, or a
    /// value on a logarithmic axis is ≤ 0 (callers leave such points out and say so in `notes`).
    public func svg() throws -> String {
        let points = series.flatMap(\.points)
        let xAxis = try PlotAxis(label: xLabel, scale: xScale, covering: points.map(\.x))
        let yAxis = try PlotAxis(label: yLabel, scale: yScale, covering: points.map(\.y))
        // Layout (px): plot area [left, right] × [top, bottom]; legend right of it; notes below.
        let left = 84.0, top = 48.0, plotWidth = 500.0, plotHeight = 340.0
        let right = left + plotWidth, bottom = top + plotHeight
        let legendWidth = 200.0
        let width = right + legendWidth
        let caption = showsCaption ? notes.flatMap { PlotFigure.wrap($0, width: PlotFigure.captionWidth) } : []
        let height = bottom + 62 + 16 * Double(caption.count)
        var doc = SVGDocument(width: width, height: height)
        doc.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        func px(_ p: PlotSeries.Point) -> (Double, Double) {
            (left + xAxis.fraction(p.x) * plotWidth, bottom - yAxis.fraction(p.y) * plotHeight)
        }

        // Grid at labelled ticks, then the frame.
        for t in xAxis.ticks where !t.label.isEmpty {
            let x = left + xAxis.fraction(t.value) * plotWidth
            doc.line(x, top, x, bottom, stroke: "#e6e6e6")
        }
        for t in yAxis.ticks where !t.label.isEmpty {
            let y = bottom - yAxis.fraction(t.value) * plotHeight
            doc.line(left, y, right, y, stroke: "#e6e6e6")
        }
        doc.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "none", stroke: "#000000")

        // Ticks and their labels.
        for t in xAxis.ticks {
            let x = left + xAxis.fraction(t.value) * plotWidth
            doc.line(x, bottom, x, bottom + (t.label.isEmpty ? 3 : 6))
            if !t.label.isEmpty { doc.text(t.label, x: x, y: bottom + 20, size: 12, anchor: .middle) }
        }
        for t in yAxis.ticks {
            let y = bottom - yAxis.fraction(t.value) * plotHeight
            doc.line(left - (t.label.isEmpty ? 3 : 6), y, left, y)
            if !t.label.isEmpty { doc.text(t.label, x: left - 9, y: y + 4, size: 12, anchor: .end) }
        }

        // Title, axis labels, notes.
        doc.text(title, x: left + plotWidth / 2, y: 28, size: 15, anchor: .middle, bold: true)
        doc.text(xLabel, x: left + plotWidth / 2, y: bottom + 42, size: 13, anchor: .middle)
        doc.text(yLabel, x: 22, y: top + plotHeight / 2, size: 13, anchor: .middle, rotation: -90)
        for (i, note) in caption.enumerated() {
            doc.text(note, x: left, y: bottom + 66 + 16 * Double(i), size: 11)
        }

        // Series and legend (data series take the palette in order; reference curves are dashed grey).
        var colourIndex = 0
        for (i, s) in series.enumerated() {
            let colour: String, dash: String?
            switch s.style {
            case .data:
                colour = PlotFigure.palette[colourIndex % PlotFigure.palette.count]
                dash = colourIndex >= PlotFigure.palette.count ? "6 3" : nil
                colourIndex += 1
            case .reference:
                colour = "#666666"
                dash = "5 4"
            }
            let coordinates = s.points.map(px)
            if coordinates.count > 1 { doc.polyline(coordinates, stroke: colour, dash: dash) }
            let markers = s.style == .data && (s.points.count <= PlotFigure.maxMarkers || s.points.count == 1)
            if markers { for (x, y) in coordinates { doc.circle(cx: x, cy: y, r: 2.5, fill: colour) } }
            let ly = top + 14 + 20 * Double(i)
            doc.line(right + 16, ly - 4, right + 40, ly - 4, stroke: colour, width: 2, dash: dash)
            if s.style == .data { doc.circle(cx: right + 28, cy: ly - 4, r: 2.5, fill: colour) }
            doc.text(s.name, x: right + 46, y: ly, size: 12)
        }
        return doc.rendered
    }
}
