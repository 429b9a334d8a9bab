import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a long job on standard error: after 2 s, one line rewritten in place
/// (`prism table: 12 s, 37/129, about 30 s left`) about four times a second, erased when the job ends.
/// Jobs that report steps get the estimate of the time left; others show the time elapsed.
/// Only when enabled (standard error is a terminal); standard output never changes.
final class Progress: @unchecked Sendable {
    /// The reporter of the command being run (a disabled one outside `PrismCommand.execute`).
    @TaskLocal static var current = Progress(enabled: false, label: "")

    private let lock = NSLock()
    private let label: String
    private let start = Date()
    private var done = 0, total = 0
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
                var line = "prism \(label): \(Int(elapsed)) s"
                if total > 0 {
                    line += ", \(done)/\(total)"
                    // The remaining steps at the mean rate so far: an estimate, printed as such.
                    if done > 0 && done < total { line += ", about \(Int((elapsed / Double(done) * Double(total - done)).rounded(.up))) s left" }
                }
                Progress.emit("\r\u{1B}[K" + line)
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
