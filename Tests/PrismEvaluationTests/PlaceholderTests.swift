import Testing
@testable import PrismEvaluation
