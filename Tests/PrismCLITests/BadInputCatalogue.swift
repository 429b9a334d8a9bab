/// The bad-input catalogue: malformed or hostile invocations of every command. Each must exit 2 with
/// exactly one line on standard error, nothing on standard output and nothing written, at once.
/// `OUT` stands for a path inside the run's (empty) temporary working directory.
enum BadInputCatalogue {
    static let longExpression = String(repeating: "1+", count: 5_001) + "1"
    static let deepExpression = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)

    static let cases: [[String]] = {
        var cases: [[String]] = []
        // No command, unknown commands and options.
        cases += [["nonsense"], ["--bogus"], ["eval", "--bogus"], ["help", "nonsense"], ["-x"], ["EVAL", "1"]]
        // eval
        cases += [["eval"], ["eval", ""], ["eval", "1/0"], ["eval", "erf("], ["eval", "2^^3"], ["eval", "log(-1)"], ["eval", "x+1"],
                  ["eval", "pi", "--digits", "0"], ["eval", "pi", "--digits", "10001"], ["eval", "pi", "--digits", "abc"],
                  ["eval", "pi", "--digits", "-3"], ["eval", "pi", "--digits", ""], ["eval", "pi", "--digits", "99999999999999999999"],
                  ["eval", "pi", "--format", "xml"], ["eval", "pi", "--bogus", "1"], ["eval", "gamma(0)"], ["eval", "1e99999999"],
                  ["eval", "asin(2)"], ["eval", "(-8)^(1/3)"], ["eval", "pi", "e"], ["eval", "pi", "--digits", "5", "--digits", "6"],
                  ["eval", longExpression], ["eval", deepExpression], ["eval", "sqrt(-1)"], ["eval", "foo(1)"], ["eval", "1+"],
                  ["eval", ")"], ["eval", "pow(2)"], ["eval", "π"], ["eval", "1/(1-1)"], ["eval", "log(0)"], ["eval", "pi", "--format"],
                  ["eval", "pi", "--digits"], ["eval", "--", "1", "2"], ["eval", "0^(-1)"], ["eval", "lgamma(0)"]]
        // taylor
        cases += [["taylor"], ["taylor", "tanh"], ["taylor", "relu", "--order", "3"], ["taylor", "tanh", "--order", "-1"],
                  ["taylor", "tanh", "--order", "1000000000"], ["taylor", "tanh", "--order", "x"], ["taylor", "foo", "--order", "3"],
                  ["taylor", "leaky_relu(1/0)", "--order", "3"], ["taylor", "leaky_relu(pi)", "--order", "3"], ["taylor", "elu(1/0)", "--order", "3"],
                  ["taylor", "monomial(-1)", "--order", "3"], ["taylor", "monomial(1/2)", "--order", "3"], ["taylor", "monomial(100000)", "--order", "3"],
                  ["taylor", "monomial", "--order", "3"], ["taylor", "tanh", "--order", "3", "--order", "4"], ["taylor", "", "--order", "3"],
                  ["taylor", "tanh(", "--order", "3"], ["taylor", "abs(x)", "--order", "3"], ["taylor", "tanh", "--order", "3", "--digits", "0"],
                  ["taylor", "tanh", "--order", "3", "--format", "yaml"], ["taylor", "log(x)", "--order", "3"], ["taylor", "1/x", "--order", "3"],
                  ["taylor", "y", "--order", "3"], ["taylor", "tanh", "--order", "3", "extra"]]
        // hermite
        cases += [["hermite"], ["hermite", "tanh"], ["hermite", "tanh", "--degree", ""], ["hermite", "tanh", "--degree", "-1"],
                  ["hermite", "tanh", "--degree", "1000000000"], ["hermite", "tanh", "--degree", "1201"], ["hermite", "relu", "--degree", "2001"],
                  ["hermite", "x/(x-1)", "--degree", "3"], ["hermite", "foo", "--degree", "3"], ["hermite", "tanh", "--degree", "3", "--scale", "0"],
                  ["hermite", "tanh", "--degree", "3", "--scale", "-1"], ["hermite", "tanh", "--degree", "3", "--scale", "abc"],
                  ["hermite", "tanh", "--degree", "3", "--scale", "1/0"], ["hermite", "tanh", "--degree", "3", "--basis", "legendre"],
                  ["hermite", "tanh", "--degree", "3", "--degree", "4"], ["hermite", "exp(exp(x))", "--degree", "3"],
                  ["hermite", "log(x)", "--degree", "3"], ["hermite", "relu(2*x)", "--degree", "3"], ["hermite", "x^x", "--degree", "3"],
                  ["hermite", "tanh", "--degree", "3", "--scale", "1e-99999999"], ["hermite", "tanh", "--degree", "3", "--digits", "10001"],
                  ["hermite", "leaky_relu(1/0)", "--degree", "3"], ["hermite", "sqrt(x)", "--degree", "3"], ["hermite", "1/x", "--degree", "3"]]
        // kernel
        cases += [["kernel"], ["kernel", "tanh"], ["kernel", "tanh", "--degree", "-1"], ["kernel", "tanh", "--degree", "1000000000"],
                  ["kernel", "tanh", "--degree", "3", "--alpha", "0"], ["kernel", "tanh", "--degree", "3", "--alpha", "-1"],
                  ["kernel", "tanh", "--degree", "3", "--dim", "0"], ["kernel", "tanh", "--degree", "3", "--dim", "-2"],
                  ["kernel", "tanh", "--degree", "3", "--radius", "0"], ["kernel", "tanh", "--degree", "3", "--expansion", "cube"],
                  ["kernel", "tanh", "--degree", "3", "--series", "triple"], ["kernel", "foo", "--degree", "3"],
                  ["kernel", "tanh", "--degree", "3", "--alpha", "x"], ["kernel", "tanh", "--degree", "3", "--dim", "3", "--dim", "4"],
                  ["kernel", "relu", "--degree", "3", "--expansion", "small-norm"], ["kernel", "tanh", "--degree", "3", "--series", "dual", "--series", "level"]]
        // poly
        cases += [["poly"], ["poly", "hermite-he"], ["poly", "laguerre", "--degree", "3"], ["poly", "hermite-he", "--degree", "-1"],
                  ["poly", "hermite-he", "--degree", "1000000000"], ["poly", "gegenbauer", "--degree", "3"],
                  ["poly", "gegenbauer", "--degree", "3", "--lambda", "0"], ["poly", "gegenbauer", "--degree", "3", "--lambda", "-1"],
                  ["poly", "gegenbauer", "--degree", "3", "--lambda", "abc"], ["poly", "legendre", "--degree", "3"],
                  ["poly", "legendre", "--degree", "3", "--dim", "1"], ["poly", "legendre", "--degree", "3", "--dim", "-5"],
                  ["poly", "hermite-he", "--degree", "3", "--degree", "4"], ["poly", "legendre", "--degree", "3", "--dim", "x"]]
        // connection
        cases += [["connection"], ["connection", "--dim", "3"], ["connection", "--max-degree", "3"], ["connection", "--dim", "1", "--max-degree", "3"],
                  ["connection", "--dim", "3", "--max-degree", "-1"], ["connection", "--dim", "3", "--max-degree", "401"],
                  ["connection", "--dim", "3", "--max-degree", "400", "--digits", "10000"], ["connection", "--dim", "x", "--max-degree", "3"],
                  ["connection", "--dim", "3", "--max-degree", "3", "--dim", "4"], ["connection", "extra", "--dim", "3", "--max-degree", "3"]]
        // spectrum and layers
        for command in ["spectrum", "layers"] {
            cases += [[command], [command, "relu"], [command, "relu", "--dim", "3"], [command, "relu", "--degree", "3"],
                      [command, "relu", "--dim", "1", "--degree", "3"], [command, "relu", "--dim", "3", "--degree", "-1"],
                      [command, "relu", "--dim", "3", "--degree", "1000000000"], [command, "relu", "--dim", "3", "--degree", "3", "--depth", "0"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--depth", "-1"], [command, "relu", "--dim", "3", "--degree", "3", "--depth", "1000000"],
                      [command, "foo", "--dim", "3", "--degree", "3"], [command, "relu", "--dim", "1000000000", "--degree", "3"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--degree", "4"], [command, "x/(x-1)", "--dim", "3", "--degree", "3"]]
        }
        cases += [["spectrum", "relu", "--dim", "3", "--degree", "3", "--kernel", "cntk"]]
        // the general-variance kernels and dot-product kernels (spectrum, layers)
        for command in ["spectrum", "layers"] {
            cases += [[command, "relu", "--dim", "3", "--degree", "3", "--weight-variance", "0"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--weight-variance", "-1"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--bias-variance", "-1/10"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--weight-variance", "x"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--norm2", "2"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--weight-variance", "2", "--norm2", "0"],
                      [command, "relu", "--dim", "3", "--degree", "3", "--weight-variance", "2", "--weight-variance", "3"]]
        }
        cases += [["spectrum", "--dot-product", "exp(2*t)", "--degree", "3"], ["spectrum", "--dot-product", "", "--dim", "3", "--degree", "3"],
                  ["spectrum", "relu", "--dot-product", "exp(t)", "--dim", "3", "--degree", "3"],
                  ["spectrum", "--dot-product", "exp(2*x)", "--dim", "3", "--degree", "3"],
                  ["spectrum", "--dot-product", "exp(2*t", "--dim", "3", "--degree", "3"],
                  ["spectrum", "--dot-product", "exp(t)", "--dim", "3", "--degree", "3", "--kernel", "ntk"],
                  ["spectrum", "--dot-product", "exp(t)", "--dim", "3", "--degree", "3", "--depth", "2"],
                  ["spectrum", "--dot-product", "exp(t)", "--dim", "3", "--degree", "3", "--bias-variance", "1"],
                  ["spectrum", "step", "--dim", "3", "--degree", "3", "--kernel", "ntk", "--depth", "2"]]
        // kernel with the general-variance options
        cases += [["kernel", "erf", "--degree", "3", "--weight-variance", "0"], ["kernel", "erf", "--degree", "3", "--weight-variance", "2", "--alpha", "2"],
                  ["kernel", "erf", "--degree", "3", "--depth", "2"], ["kernel", "erf", "--degree", "3", "--bias-variance", "1", "--series", "dual"],
                  ["kernel", "erf", "--degree", "3", "--bias-variance", "1", "--kernel", "xyz"]]
        // cntk
        cases += [["cntk"], ["cntk", "relu"], ["cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2"],
                  ["cntk", "relu", "--channels", "1", "--pixels", "2", "--filters", "2", "--max-degree", "3"],
                  ["cntk", "relu", "--channels", "3", "--pixels", "0", "--filters", "2", "--max-degree", "3"],
                  ["cntk", "relu", "--channels", "3", "--pixels", "3", "--filters", "2", "--max-degree", "3"],
                  ["cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "x", "--max-degree", "3"],
                  ["cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "-1"],
                  ["cntk", "foo", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "3"],
                  ["cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "3", "--kernel", "xyz"]]
        cases += [["cntk", "sign", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "3", "--kernel", "ntk"],
                  ["cntk", "step", "--channels", "4", "--pixels", "4", "--filters", "1,2", "--max-degree", "3", "--kernel", "ntk"]]
        // hea and learn
        cases += [["hea"], ["hea", "relu"], ["hea", "rbf:1", "--gamma", ""], ["hea", "rbf:0", "--gamma", "1,1"], ["hea", "rbf:-1", "--gamma", "1,1"],
                  ["hea", "rbf:1", "--gamma", "1,-1"], ["hea", "rbf:1", "--gamma", "powerlaw:0,1"], ["hea", "rbf:1", "--gamma", "powerlaw:x"],
                  ["hea", "rbf:1", "--gamma", "1,1", "--modes", "0"], ["hea", "rbf:1", "--gamma", "1,1", "--modes", "-1"],
                  ["hea", "foo:1", "--gamma", "1,1"], ["hea", "relu", "--gamma", "1,1", "--depth", "0"]]
        cases += [["learn"], ["learn", "relu"], ["learn", "relu", "--dim", "3"], ["learn", "relu", "--dim", "3", "--n", "0", "--target", "1:1"],
                  ["learn", "relu", "--dim", "3", "--n", "-5", "--target", "1:1"], ["learn", "relu", "--dim", "3", "--n", "10", "--ridge", "-1", "--target", "1:1"],
                  ["learn", "relu", "--dim", "3", "--n", "10", "--target", "x"], ["learn", "--spectrum", "missing.json", "--n", "10", "--target", "1:1"],
                  ["learn", "relu", "--dim", "1", "--n", "10", "--target", "1:1"]]
        // dual
        cases += [["dual"], ["dual", "erf"], ["dual", "erf", "--q1", "1", "--q2", "1"], ["dual", "erf", "--q1", "0", "--q2", "1", "--q12", "0"],
                  ["dual", "erf", "--q1", "1", "--q2", "-1", "--q12", "0"], ["dual", "erf", "--q1", "1", "--q2", "1", "--q12", "2"],
                  ["dual", "erf", "--q1", "1", "--q2", "2", "--q12", "1/2", "--q12", "1/3"], ["dual", "foo", "--q1", "1", "--q2", "1", "--q12", "0"],
                  ["dual", "step", "--q1", "1", "--q2", "1", "--q12", "0", "--derivative"], ["dual", "erf", "--q1", "x", "--q2", "1", "--q12", "0"],
                  ["dual", "erf", "--q1", "1", "--q2", "1", "--q12", "0", "--format", "xml"]]
        // verify
        cases += [["verify"], ["verify", "nope"], ["verify", "dandi-jacot/eq-11", "nope"], ["verify", "--all", "--format", "xml"],
                  ["verify", "--all", "--all"], ["verify", "--all", "dandi-jacot/eq-11"], ["verify", "--digits", "5", "--all"]]
        // audit
        cases += [["audit", "--points", "0"], ["audit", "--points", "-5"], ["audit", "--points", "1000000000"], ["audit", "--degree", "301"],
                  ["audit", "--degree", "-1"], ["audit", "--seed", "-1"], ["audit", "--seed", "x"], ["audit", "--format", "xml"],
                  ["audit", "--points", "10", "--points", "20"], ["audit", "extra"]]
        // table
        cases += [["table"], ["table", "--all"], ["table", "--all", "--output", "OUT/x", "--shard", "3/2"],
                  ["table", "--all", "--output", "OUT/x", "--shard", "a/b"], ["table", "--all", "--output", "OUT/x", "--shard", "0/2"],
                  ["table", "--only", "nope"], ["table", "--list", "--all", "--output", "OUT/x"], ["table", "--list", "--threads", "0"],
                  ["table", "--check", "/nonexistent/dir"], ["table", "--all", "--output", "/nonexistent/parent/child"],
                  ["table", "--all", "--output", "/proc/prism-x"], ["table", "--all", "--output", "OUT/missing/child"],
                  ["table", "--manifest", "--output", "OUT/nonexistent"], ["table", "--manifest"], ["table", "--check", "OUT/nope"],
                  ["table", "--all", "--output", "OUT/x", "--threads", "100000"], ["table", "--list", "--list"],
                  ["table", "--all", "--output", "OUT/x", "--output", "OUT/y"], ["table", "--check", "/proc/self/status"]]
        // emit
        cases += [["emit"], ["emit", "tanh", "--what", "taylor", "--degree", "3"], ["emit", "tanh", "--what", "taylor", "--lang", "c"],
                  ["emit", "tanh", "--what", "spline", "--degree", "3", "--lang", "c"], ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "rust"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "1abc"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "int"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "a b"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--format", "json"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--scale", "2"],
                  ["emit", "tanh", "--what", "hermite", "--degree", "3", "--lang", "c", "--alpha", "2"],
                  ["emit", "relu", "--what", "taylor", "--degree", "3", "--lang", "c"], ["emit", "tanh", "--what", "taylor", "--degree", "-1", "--lang", "c"],
                  ["emit", "tanh", "--what", "hermite", "--degree", "1000000000", "--lang", "c"], ["emit", "foo", "--what", "taylor", "--degree", "3", "--lang", "c"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--digits", "0"],
                  ["emit", "tanh", "--what", "taylor", "--degree", "3", "--degree", "4", "--lang", "c"]]
        // plot
        cases += [["plot"], ["plot", "spectrum", "relu", "--degree", "3"], ["plot", "histogram", "relu", "--degree", "3", "--output", "OUT/a.svg"],
                  ["plot", "spectrum", "relu", "--degree", "3", "--output", "OUT/a.svg"],
                  ["plot", "spectrum", "relu", "--dim", "3", "--degree", "3", "--output", "OUT/missing/a.svg"],
                  ["plot", "spectrum", "relu", "--dim", "3", "--degree", "3", "--output", "/proc/prism.svg"],
                  ["plot", "spectrum", "relu", "--dim", "3", "--degree", "3", "--output", "OUT/a.svg", "--format", "json"],
                  ["plot", "spectrum", "relu", "--dim", "3", "--degree", "3", "--output", "OUT/a.svg", "--digits", "5"],
                  ["plot", "spectrum", "relu", "--dim", "1", "--degree", "3", "--output", "OUT/a.svg"],
                  ["plot", "spectrum", "foo", "--dim", "3", "--degree", "3", "--output", "OUT/a.svg"],
                  ["plot", "hermite", "tanh", "--degree", "-1", "--output", "OUT/a.svg"],
                  ["plot", "hermite", "tanh", "--degree", "1000000000", "--output", "OUT/a.svg"],
                  ["plot", "hermite", "tanh", "--degree", "3", "--scale", "0", "--output", "OUT/a.svg"],
                  ["plot", "layers", "relu", "--dim", "3", "--degree", "3", "--depth", "0", "--output", "OUT/a.svg"],
                  ["plot", "hermite", "tanh", "--degree", "3", "--output", "OUT/a.svg", "--output", "OUT/b.svg"]]
        return cases
    }()
}
