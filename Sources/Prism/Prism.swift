// The umbrella module: `import Prism` brings in the public API of every library layer
// (Docs/architecture.md draws them). It declares nothing of its own.
@_exported import PrismNumbers
@_exported import PrismAlgebra
@_exported import PrismBases
@_exported import PrismIntegration
@_exported import PrismActivations
@_exported import PrismKernels
@_exported import PrismConvolutional
@_exported import PrismLearning
@_exported import PrismEvaluation
@_exported import PrismClaims
@_exported import PrismTables
