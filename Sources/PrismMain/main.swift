import PrismCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `text` to a file descriptor.
func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { buffer in
            buffer.baseAddress.map { write(descriptor, $0 + offset, buffer.count - offset) } ?? 0
        }
        if n <= 0 { break }
        offset += n
    }
}

// Progress of long jobs goes to standard error only when it is a terminal.
let result = PrismCommand.execute(Array(CommandLine.arguments.dropFirst()), progress: isatty(2) == 1)
write(result.standardOutput, to: 1)
write(result.standardError, to: 2)
exit(result.status)
