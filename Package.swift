// swift-tools-version:6.1
import PackageDescription

// Layers, lowest first; an arrow only points down (DESIGN.md §1):
// MedConformCore <- FuzzCore, ProfileLoader, Transports, Reporting <- HL7v2, PHD11073 <- MedConformApp <- medconform
let package = Package(
    name: "medconform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "medconform", targets: ["medconform"]),
        .library(name: "MedConformApp", targets: ["MedConformApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "MedConformCore"),
        .target(name: "FuzzCore", dependencies: ["MedConformCore"]),
        .target(
            name: "ProfileLoader",
            dependencies: ["MedConformCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Transports",
            dependencies: [
                "MedConformCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Reporting",
            dependencies: ["MedConformCore", "CLibXML2"]
        ),
        .target(name: "HL7v2", dependencies: ["MedConformCore", "FuzzCore", "Transports"]),
        .target(name: "PHD11073", dependencies: ["MedConformCore", "FuzzCore", "Transports"]),
        .target(
            name: "MedConformApp",
            dependencies: [
                "MedConformCore", "ProfileLoader", "Transports", "Reporting", "HL7v2", "PHD11073",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "medconform",
            dependencies: [
                "MedConformApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "medconform-bench", dependencies: ["FuzzCore", "HL7v2", "MedConformCore", "PHD11073", "ProfileLoader", "Transports"], path: "Benchmarks/medconform-bench"),
        .testTarget(name: "MedConformCoreTests", dependencies: ["MedConformCore"]),
        .testTarget(name: "FuzzCoreTests", dependencies: ["FuzzCore", "MedConformCore"]),
        .testTarget(name: "ProfileLoaderTests", dependencies: ["ProfileLoader", "MedConformCore"]),
        .testTarget(name: "TransportsTests", dependencies: ["Transports", "MedConformCore"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "MedConformCore", "CLibXML2"], exclude: ["Golden"]),
        // What the golden tests of every protocol's case space check the same way.
        .target(name: "FuzzTestSupport", dependencies: ["FuzzCore"], path: "Tests/FuzzTestSupport"),
        .testTarget(name: "HL7v2Tests", dependencies: ["HL7v2", "FuzzCore", "FuzzTestSupport", "Transports", "MedConformCore"]),
        .testTarget(name: "PHD11073Tests", dependencies: ["PHD11073", "FuzzCore", "FuzzTestSupport", "Transports", "MedConformCore"]),
        .testTarget(name: "MedConformAppTests", dependencies: ["MedConformApp", "MedConformCore", "Reporting", "Transports"]),
    ]
)
