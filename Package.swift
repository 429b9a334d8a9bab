// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Prism",
    products: [
        // Everything public in one import (`import Prism`), as swift-numerics' `Numerics`.
        .library(name: "Prism", targets: ["Prism"]),
        .library(name: "PrismNumbers", targets: ["PrismNumbers"]),
        .library(name: "PrismAlgebra", targets: ["PrismAlgebra"]),
        .library(name: "PrismBases", targets: ["PrismBases"]),
        .library(name: "PrismIntegration", targets: ["PrismIntegration"]),
        .library(name: "PrismActivations", targets: ["PrismActivations"]),
        .library(name: "PrismKernels", targets: ["PrismKernels"]),
        .library(name: "PrismConvolutional", targets: ["PrismConvolutional"]),
        .library(name: "PrismEvaluation", targets: ["PrismEvaluation"]),
        .library(name: "PrismClaims", targets: ["PrismClaims"]),
        .library(name: "PrismTables", targets: ["PrismTables"]),
        .library(name: "PrismLearning", targets: ["PrismLearning"]),
        .executable(name: "prism", targets: ["PrismMain"]),
        // The C ABI (include/prism.h), loaded by the Python package (python/).
        .library(name: "prism-c", type: .dynamic, targets: ["PrismC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // GMP and MPFR, with their macro-only API wrapped as inline functions.
        // Names with a leading underscore are internal: no stable API (Docs/architecture.md).
        .systemLibrary(
            name: "_CPrismGMP",
            pkgConfig: "mpfr",
            providers: [.apt(["libgmp-dev", "libmpfr-dev"])]
        ),
        .target(
            name: "PrismNumbers",
            dependencies: [
                "_CPrismGMP",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(name: "PrismAlgebra", dependencies: ["PrismNumbers"]),
        .target(name: "PrismBases", dependencies: ["PrismNumbers", "PrismAlgebra"]),
        // Certified integration: one bisection driver, Taylor models on pieces, the Fourier and Hermite weights.
        .target(name: "PrismIntegration", dependencies: ["PrismNumbers", "PrismAlgebra"]),
        .target(name: "PrismActivations", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismIntegration"]),
        .target(name: "PrismKernels", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismIntegration", "PrismActivations"]),
        // Convolutional NNGP/NTK spectra on products of spheres (CONVENTIONS §11).
        .target(name: "PrismConvolutional", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismIntegration", "PrismActivations", "PrismKernels"]),
        // Fast Double evaluation: receives coefficients, never computes them (DESIGN "Layers").
        .target(name: "PrismEvaluation", dependencies: ["PrismNumbers", "PrismBases", "_CPrismKernels",
                                                .product(name: "RealModule", package: "swift-numerics")]),
        // AVX-512 batch loops for PrismEvaluation, chosen at run time (no FMA: see the file).
        .target(name: "_CPrismKernels"),
        .target(name: "PrismClaims", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismActivations", "PrismKernels", "PrismConvolutional", "PrismLearning"]),
        // Gaussian data and learning curves: the Hermite eigenstructure ansatz, eigenlearning, effective dimension.
        .target(name: "PrismLearning", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismActivations", "PrismKernels"]),
        .target(
            name: "PrismTables",
            dependencies: ["PrismNumbers", "PrismBases", "PrismActivations", "PrismKernels", "PrismEvaluation", "PrismClaims",
                           "PrismConvolutional"]
        ),
        .target(
            name: "PrismCLI",
            dependencies: [
                "PrismNumbers",
                "PrismBases",
                "PrismActivations",
                "PrismKernels",
                "PrismEvaluation",
                "PrismClaims",
                "PrismTables",
                "PrismConvolutional",
                "PrismLearning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The umbrella: re-exports the library layers (Sources/Prism/Prism.swift).
        .target(name: "Prism", dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismIntegration", "PrismActivations", "PrismKernels",
                                              "PrismConvolutional", "PrismLearning", "PrismEvaluation", "PrismClaims", "PrismTables"]),
        // The `prism` executable (a target name distinct from `Prism` on case-insensitive file systems).
        .executableTarget(name: "PrismMain", dependencies: ["PrismCLI"]),
        .target(name: "PrismC", dependencies: ["PrismNumbers", "PrismActivations", "PrismKernels", "PrismEvaluation", "PrismTables", "PrismCLI"]),
        .executableTarget(
            name: "prism-bench",
            dependencies: ["PrismNumbers", "PrismBases", "PrismActivations", "PrismKernels", "PrismEvaluation", "PrismConvolutional"],
            path: "Benchmarks/PrismBench"
        ),
        // The workload scripts/valgrind.sh runs under valgrind.
        .executableTarget(name: "prism-memcheck", dependencies: ["PrismNumbers"]),
        // Test helpers shared by the test targets: seeded generator, rational literals, containment checks.
        .target(name: "_PrismTestSupport", dependencies: ["PrismNumbers"], path: "Tests/_PrismTestSupport",
                exclude: ["README.md"]),
        .testTarget(
            name: "PrismNumbersTests",
            dependencies: ["PrismNumbers", "_PrismTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PrismAlgebraTests", dependencies: ["PrismAlgebra", "_PrismTestSupport"]),
        .testTarget(name: "PrismIntegrationTests", dependencies: ["PrismIntegration", "_PrismTestSupport"]),
        .testTarget(name: "PrismBasesTests", dependencies: ["PrismBases", "_PrismTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PrismActivationsTests", dependencies: ["PrismActivations", "PrismIntegration", "_PrismTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PrismKernelsTests", dependencies: ["PrismKernels", "PrismBases", "PrismIntegration", "PrismActivations", "_PrismTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PrismEvaluationTests", dependencies: ["PrismEvaluation", "PrismNumbers", "PrismBases"]),
        .testTarget(name: "PrismClaimsTests", dependencies: ["PrismClaims"], exclude: ["Fixtures"]),
        .testTarget(name: "PrismTablesTests", dependencies: ["PrismTables"]),
        .testTarget(name: "PrismCLITests", dependencies: ["PrismCLI"], exclude: ["Fixtures"]),
        .testTarget(name: "PrismLearningTests", dependencies: ["PrismLearning", "PrismKernels", "PrismNumbers", "_PrismTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PrismContainmentTests",
                    dependencies: ["PrismNumbers", "PrismAlgebra", "PrismBases", "PrismIntegration", "PrismActivations", "PrismKernels", "PrismEvaluation", "_PrismTestSupport"]),
        .testTarget(name: "PrismConvolutionalTests", dependencies: ["PrismConvolutional"], resources: [.copy("Fixtures")]),
    ]
)
