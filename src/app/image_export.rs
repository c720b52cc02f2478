//! Chart and dashboard images: cropping an in-app screenshot and writing it as PNG.

use egui::{ColorImage, Rect};
use std::path::Path;

/// What to put in the image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageTarget {
    /// The chart on screen with its title and axes.
    Chart,
    /// The whole window.
    Dashboard,
}

/// How big the image should be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageSize {
    /// As it is on screen.
    AsShown,
    /// This many pixels wide and high: the window is resized to it for the capture and the chart
    /// laid out alone, like a slide.
    Pixels(u32, u32),
}

impl ImageSize {
    /// The sizes offered, with their labels.
    pub const CHOICES: [(ImageSize, &'static str); 4] = [
        (ImageSize::AsShown, "As on screen"),
        (ImageSize::Pixels(1280, 720), "1280 × 720 (slides)"),
        (ImageSize::Pixels(1920, 1080), "1920 × 1080 (full HD)"),
        (ImageSize::Pixels(2560, 1440), "2560 × 1440 (print)"),
    ];
}

/// The part of a screenshot to keep: `rect` in points, scaled by `pixels_per_point`, clamped to
/// the image. The whole image if `rect` is none.
pub fn crop(image: &ColorImage, rect: Option<Rect>, pixels_per_point: f32) -> ColorImage {
    match rect {
        Some(rect) => {
            let bounds = Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(
                    image.size[0] as f32 / pixels_per_point,
                    image.size[1] as f32 / pixels_per_point,
                ),
            );
            image.region(&rect.intersect(bounds), Some(pixels_per_point))
        }
        None => image.clone(),
    }
}

/// Why an image could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The picture was empty.
    #[error("the picture is empty ({0} × {1} pixels)")]
    Empty(usize, usize),
    /// PNG encoding failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(#[from] image::ImageError),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] crate::io::scenario_file::ScenarioFileError),
}

/// Encodes an image as PNG bytes.
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, ImageError> {
    let [width, height] = image.size;
    if width == 0 || height == 0 {
        return Err(ImageError::Empty(width, height));
    }
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(width as u32, height as u32, rgba)
        .ok_or(ImageError::Empty(width, height))?;
    let mut bytes = Vec::new();
    buffer.write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )?;
    Ok(bytes)
}

/// Writes an image as a PNG file (through a temporary file and a rename).
pub fn write_png(path: &Path, image: &ColorImage) -> Result<(), ImageError> {
    let bytes = png_bytes(image)?;
    crate::io::scenario_file::write_atomically(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_in_points_and_encodes_png() {
        let mut image = ColorImage::filled([200, 100], egui::Color32::WHITE);
        image.pixels[0] = egui::Color32::RED;
        let cropped = crop(
            &image,
            Some(Rect::from_min_size(
                egui::pos2(10.0, 10.0),
                egui::vec2(40.0, 20.0),
            )),
            2.0,
        );
        assert_eq!(cropped.size, [80, 40]);
        let bytes = png_bytes(&cropped).unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (80, 40));
        // A rect partly outside the picture is clamped to it.
        let clamped = crop(
            &image,
            Some(Rect::from_min_size(
                egui::pos2(90.0, 0.0),
                egui::vec2(50.0, 50.0),
            )),
            2.0,
        );
        assert_eq!(clamped.size, [20, 100]);
        assert!(png_bytes(&ColorImage::filled([0, 0], egui::Color32::WHITE)).is_err());
    }
}
