//! Build script: for Windows targets, puts the icon and version information (product name,
//! version, description) into the exe's resources. Other targets need nothing.

fn main() {
    println!("cargo:rerun-if-changed=assets/icon/care-levers.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resources = winresource::WindowsResource::new();
    resources
        .set_icon("assets/icon/care-levers.ico")
        .set("ProductName", "Care Levers")
        .set(
            "FileDescription",
            "Care Levers: what-if planning for children's services",
        )
        .set("CompanyName", "Care Levers developers")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("OriginalFilename", "care-levers.exe");
    // FileVersion and ProductVersion come from Cargo.toml's version.
    if let Err(error) = resources.compile() {
        // A Windows build without its resources would still run; say why they are missing
        // and stop, so that a release never ships without its icon by accident.
        println!("cargo:warning=cannot compile the Windows resources: {error}");
        std::process::exit(1);
    }
}
