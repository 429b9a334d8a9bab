import PrismConvolutional

extension PlotFigure {
    /// `prism plot cntk`: the eigenvalues λ_k of a convolutional kernel against the total degree |k| on
    /// log–log axes, one series per ray of `ConvolutionalDecay` (axis, diagonal, mixed), with each
    /// series' last local exponent in its name. Exact zeros and |k| = 0 cannot sit on a log axis: they
    /// are left out and listed in the notes.
    public static func cntkDecay(_ points: [ConvolutionalDecay.Point], title: String, route: String) throws -> PlotFigure {
        var series: [PlotSeries] = [], notes: [String] = []
        for ray in ConvolutionalDecay.Ray.allCases {
            let mine = points.filter { $0.ray == ray }
            guard !mine.isEmpty else { continue }
            var drawn: [PlotSeries.Point] = [], zeros: [String] = []
            for p in mine where p.totalDegree > 0 {
                if p.value.value == "0" || !(p.value.double > 0) || !p.value.double.isFinite { zeros.append(ConvolutionalArchitecture.indexString(p.index)); continue }
                drawn.append(.init(x: Double(p.totalDegree), y: p.value.double))
            }
            let slope = mine.last(where: { $0.exponent != nil })?.exponentText.map { ", α ≈ \($0)" } ?? ""
            series.append(PlotSeries(name: "\(ray.example)\(slope)", points: drawn))
            if !zeros.isEmpty {
                let shown = zeros.count <= 3 ? zeros.joined(separator: "; ") : zeros.prefix(2).joined(separator: "; ") + "; … (\(zeros.count))"
                notes.append("\(ray.rawValue): λ = 0 exactly, not drawn at k = \(shown).")
            }
        }
        notes.append("|k| = 0 not drawn (log axis). Route: \(String(route.prefix { $0 != "(" }).trimmingTrailingSpaces()). α: last local exponent.")
        return PlotFigure(title: title, xLabel: "total degree |k|", yLabel: "eigenvalue λ_k", xScale: .log, yScale: .log,
                          series: series, notes: notes)
    }
}

extension ConvolutionalDecay.Ray {
    /// How the ray's multi-indices look, for legends.
    var example: String {
        switch self {
        case .axis: return "(n,0,…)"
        case .diagonal: return "(n,n,…)"
        case .mixed: return "(n,1,…)"
        }
    }
}
