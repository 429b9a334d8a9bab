import Testing
@testable import PrismTables
