/// The figures of Gaussian data and learning curves (`prism plot hea`, `prism plot learning-curve`),
/// built from certified doubles computed by the caller.
public enum LearningFigures {
    /// Ansatz eigenvalues λ_α by rank (log–log), and, when given, the exact eigenvalues of the same
    /// eigenfunctions sorted by their own rank.
    public static func hea(kernel: String, gamma: String, ansatz: [Double], exact: [Double]?, notes: [String]) -> PlotFigure {
        func ranked(_ values: [Double]) -> [PlotSeries.Point] {
            values.sorted(by: >).enumerated().compactMap { i, y in y > 0 && y.isFinite ? .init(x: Double(i + 1), y: y) : nil }
        }
        var series = [PlotSeries(name: "ansatz c_|α| Π γ_i^α_i", points: ranked(ansatz))]
        if let exact { series.append(PlotSeries(name: "exact (Mehler)", points: ranked(exact))) }
        return PlotFigure(title: "HEA eigenvalues of \(kernel) on N(0, diag γ), γ = \(gamma)", xLabel: "rank", yLabel: "eigenvalue",
                          xScale: .log, yScale: .log, series: series, notes: notes)
    }

    /// Test MSE against n (log–log), one curve per target.
    public static func learningCurve(kernel: String, samples: [Double], curves: [(name: String, testMSE: [Double])], notes: [String]) -> PlotFigure {
        var dropped = 0
        let series = curves.map { curve in
            PlotSeries(name: curve.name, points: zip(samples, curve.testMSE).compactMap { n, y in
                if y > 0 && y.isFinite { return .init(x: n, y: y) }
                dropped += 1
                return nil
            })
        }
        let extra = dropped > 0 ? ["\(dropped) values of 0 or outside the double range are not drawn (log axis)."] : []
        return PlotFigure(title: "Eigenlearning learning curves of \(kernel)", xLabel: "samples n", yLabel: "test MSE",
                          xScale: .log, yScale: .log, series: series, notes: notes + extra)
    }
}
