//! Chart and dashboard images: the window may first be resized, then a screenshot is taken,
//! cropped and written as PNG (or copied to the clipboard).

use egui::{ColorImage, Rect};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

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
pub(crate) fn crop(image: &ColorImage, rect: Option<Rect>, pixels_per_point: f32) -> ColorImage {
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
pub(crate) fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, ImageError> {
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
pub(crate) fn write_png(path: &Path, image: &ColorImage) -> Result<(), ImageError> {
    let bytes = png_bytes(image)?;
    crate::io::scenario_file::write_atomically(path, &bytes)?;
    Ok(())
}

/// An image being made.
#[derive(Clone, Debug)]
pub struct ImageJob {
    /// Where to write it; none copies it to the clipboard.
    pub path: Option<PathBuf>,
    /// The chart or the whole window.
    pub target: ImageTarget,
    /// As shown, or a chosen size.
    pub size: ImageSize,
    stage: ImageStage,
    /// The window's size in points before it was resized for the capture.
    restore_size: Option<egui::Vec2>,
    /// The part of the screenshot to keep, in points (none: all of it).
    crop: Option<Rect>,
}

impl ImageJob {
    /// True while the chart is laid out alone, as a slide, for an image of a chosen size.
    pub fn wants_slide_layout(&self) -> bool {
        self.target == ImageTarget::Chart && self.size != ImageSize::AsShown
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImageStage {
    /// Waiting for the window to reach the chosen size.
    Resizing { frames: u32 },
    /// Ask for a screenshot of the next frame.
    Capturing,
    /// Waiting for the screenshot.
    Waiting,
}

/// The image being made, if any, and the channel its screenshot comes back on.
pub struct ImageJobs {
    job: Option<ImageJob>,
    screenshots: (Sender<Arc<ColorImage>>, Receiver<Arc<ColorImage>>),
}

impl Default for ImageJobs {
    fn default() -> Self {
        ImageJobs {
            job: None,
            screenshots: channel(),
        }
    }
}

impl ImageJobs {
    /// The image being made.
    pub fn job(&self) -> Option<&ImageJob> {
        self.job.as_ref()
    }

    /// Starts making an image of the chart or window, to `path` or (if none) the clipboard.
    /// (The picture is taken here; the file is written by [`ImageDone::Write`] on a task.)
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        path: Option<PathBuf>,
        target: ImageTarget,
        size: ImageSize,
    ) {
        let mut job = ImageJob {
            path,
            target,
            size,
            stage: ImageStage::Capturing,
            restore_size: None,
            crop: None,
        };
        if let ImageSize::Pixels(width, height) = size {
            let pixels_per_point = ctx.pixels_per_point();
            job.restore_size = Some(ctx.content_rect().size());
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(
                width as f32 / pixels_per_point,
                height as f32 / pixels_per_point,
            )));
            job.stage = ImageStage::Resizing { frames: 0 };
        }
        self.job = Some(job);
        ctx.request_repaint();
    }

    /// Moves the job on by one frame. `chart_rect` is where the chart was drawn in the last
    /// frame. Returns, once the picture is taken, the file to write (the writing goes on a task,
    /// like every export) or the message for a picture copied to the clipboard.
    pub fn step(&mut self, ctx: &egui::Context, chart_rect: Option<Rect>) -> Option<ImageDone> {
        let job = self.job.as_mut()?;
        match job.stage {
            ImageStage::Resizing { frames } => {
                let reached = match job.size {
                    ImageSize::Pixels(width, height) => {
                        let size = ctx.content_rect().size() * ctx.pixels_per_point();
                        (size.x - width as f32).abs() < 1.5 && (size.y - height as f32).abs() < 1.5
                    }
                    ImageSize::AsShown => true,
                };
                // A window manager may refuse the size: capture what there is after a while.
                job.stage = if reached || frames >= 30 {
                    ImageStage::Capturing
                } else {
                    ImageStage::Resizing { frames: frames + 1 }
                };
                ctx.request_repaint();
                None
            }
            ImageStage::Capturing => {
                // The slide layout fills the window; otherwise keep just the chart.
                job.crop = match (job.target, job.size) {
                    (ImageTarget::Chart, ImageSize::AsShown) => chart_rect,
                    _ => None,
                };
                let sender = self.screenshots.0.clone();
                let repaint = ctx.clone();
                ctx.request_screenshot(move |image| {
                    let _ = sender.send(image);
                    repaint.request_repaint();
                });
                job.stage = ImageStage::Waiting;
                None
            }
            ImageStage::Waiting => {
                let image = self.screenshots.1.try_recv().ok()?;
                let job = self.job.take()?;
                if let Some(size) = job.restore_size {
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
                }
                let picture = crop(&image, job.crop, ctx.pixels_per_point());
                let [width, height] = picture.size;
                Some(match job.path {
                    Some(path) => ImageDone::Write(Box::new(move || {
                        write_png(&path, &picture)
                            .map(|()| {
                                format!(
                                    "Image saved\n{} ({width} × {height} pixels)",
                                    path.display()
                                )
                            })
                            .map_err(|error| format!("The image was not saved\n{error}"))
                    })),
                    None => {
                        ctx.copy_image(picture);
                        ImageDone::Copied(format!(
                            "The chart ({width} × {height} pixels) is on the clipboard: paste it into a paper."
                        ))
                    }
                })
            }
        }
    }
}

/// A picture taken.
pub enum ImageDone {
    /// Encode it and write the file: the message's title and text (first line the title), or
    /// why it failed. Run on a task, so a slow drive does not stop the window.
    Write(Box<dyn FnOnce() -> Result<String, String> + Send>),
    /// It is on the clipboard: what to tell the user.
    Copied(String),
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
