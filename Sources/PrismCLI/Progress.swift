import Foundation
import PrismNumbers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a long job on standard error: after 2 s, one line rewritten in place
/// (`prism table: 12 s, 37/129, about 30 s left`) about four times a second, erased when the job ends.
/// Jobs that report steps get the estimate of the time left. Others (one big certified computation:
/// `hermite tanh --degree 1200 --digits 1000`) show the pass of Ziv's loop they are in and, from the
/// previous pass's duration, how long this one should take: a pass at twice the precision costs 4–16×
/// the previous one (the multiplications' cost grows like p^1.6–p^2; the series' length, and for
/// integrals the number of pieces, up to like p; measured 11× for `hermite tanh` at 357 → 714 bits).
/// Only when enabled (standard error is a terminal); standard output never changes.
final class Progress: ZivObserver, @unchecked Sendable {
    /// The reporter of the command being run (a disabled one outside `PrismCommand.execute`).
    @TaskLocal static var current = Progress(enabled: false, label: "")

    private let lock = NSLock()
    private let label: String
    private let start = Date()
    private var done = 0, total = 0
    /// The passes of Ziv's loop begun so far, with the time each began (seconds since `start`).
    private var passes: [(pass: ZivPass, began: Double)] = []
    private var finished = false, shown = false

    init(enabled: Bool, label: String) {
        self.label = label
        guard enabled else { finished = true; return }
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                lock.lock()
                defer { lock.unlock() }
                if finished { return }
                let elapsed = Date().timeIntervalSince(start)
                guard elapsed >= 2 else { continue }
                Progress.emit("\r\u{1B}[K" + Progress.line(label: label, elapsed: elapsed, done: done, total: total, passes: passes))
                shown = true
            }
        }
        thread.start()
    }

    /// `done` of `total` steps are complete (thread-safe; callers may report from any thread).
    func update(_ done: Int, of total: Int) {
        lock.lock()
        self.done = done
        self.total = total
        lock.unlock()
    }

    /// A pass of Ziv's loop begins (thread-safe).
    func begin(_ pass: ZivPass) {
        lock.lock()
        if pass.number == 1 { passes = [] }  // a new loop (tables run many)
        passes.append((pass, Date().timeIntervalSince(start)))
        lock.unlock()
    }

    /// The progress line at `elapsed` seconds: steps and the time left at the mean rate so far when
    /// the job counts steps, else the current pass of Ziv's loop and its expected duration.
    static func line(label: String, elapsed: Double, done: Int, total: Int, passes: [(pass: ZivPass, began: Double)]) -> String {
        var line = "prism \(label): \(Int(elapsed)) s"
        if total > 0 {
            line += ", \(done)/\(total)"
            // The remaining steps at the mean rate so far: an estimate, printed as such.
            if done > 0 && done < total { line += ", about \(Int((elapsed / Double(done) * Double(total - done)).rounded(.up))) s left" }
            return line
        }
        guard let (pass, began) = passes.last else { return line }
        line += ", pass \(pass.number) of Ziv's loop at \(pass.precision) bits"
        if pass.decided > 0 { line += " (\(pass.decided)/\(pass.count) values decided)" }
        if passes.count >= 2 {
            let previous = passes[passes.count - 2]
            let took = began - previous.began
            let ratio = Double(pass.precision) / Double(previous.pass.precision)
            let (low, high) = (took * ratio * ratio, took * ratio * ratio * ratio * ratio)
            let left = (low - (elapsed - began), high - (elapsed - began))
            line += "; pass \(previous.pass.number) took \(Progress.duration(took))"
            if left.1 > 0 { line += ", this one about \(Progress.duration(low))–\(Progress.duration(high))" }
        }
        return line
    }

    /// `12 s`, `4 min`, `2.5 h`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds.rounded(.up))) s" }
        if seconds < 5400 { return "\(Int((seconds / 60).rounded())) min" }
        return "\(Double(Int((seconds / 360).rounded())) / 10) h"
    }

    /// One more step of `total` is complete.
    func step(of total: Int) {
        lock.lock()
        done += 1
        self.total = total
        lock.unlock()
    }

    /// Stops reporting and erases the line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { Progress.emit("\r\u{1B}[K") }
        finished = true
        shown = false
    }

    private static func emit(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { systemWrite(2, $0.baseAddress, $0.count) }
    }
}

private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, pointer, count) }
