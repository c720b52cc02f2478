//! The briefing's type: Liberation Sans (SIL Open Font Licence 1.1, which allows embedding;
//! assets/fonts/OFL.txt), metric-compatible with Arial, the face most council templates use.
//! Text is measured with the shaper krilla draws with, so a wrapped line fits the width it was
//! wrapped to.

/// Liberation Sans Regular 2.1.5.
pub static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
/// Liberation Sans Bold 2.1.5.
pub static BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// Regular or bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings, table headers, captions.
    Bold,
}

/// The two faces, parsed once, for measuring.
pub struct Fonts {
    regular: rustybuzz::Face<'static>,
    bold: rustybuzz::Face<'static>,
}

impl Fonts {
    /// Parses the embedded fonts.
    pub fn new() -> Result<Self, String> {
        let parse = |data: &'static [u8], name: &str| {
            rustybuzz::Face::from_slice(data, 0)
                .ok_or_else(|| format!("the embedded font {name} cannot be read"))
        };
        Ok(Fonts {
            regular: parse(REGULAR, "Liberation Sans Regular")?,
            bold: parse(BOLD, "Liberation Sans Bold")?,
        })
    }

    fn face(&self, weight: Weight) -> &rustybuzz::Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `text` set in `weight` at `size` points, in points (kerning included).
    pub fn width(&self, weight: Weight, size: f32, text: &str) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let face = self.face(weight);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em() as f32
    }

    /// Whether the font has a glyph for `c` (a missing glyph would break the PDF/UA check).
    pub fn covers(&self, c: char) -> bool {
        self.regular.glyph_index(c).is_some() && self.bold.glyph_index(c).is_some()
    }

    /// `text` with what the font cannot draw replaced: line breaks and tabs by spaces, arrows
    /// by words, anything else missing by "?".
    pub fn clean(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' | '\r' | '\t' => out.push(' '),
                '→' => out.push_str("to"),
                c if c.is_control() => {}
                c if self.covers(c) => out.push(c),
                _ => out.push('?'),
            }
        }
        out
    }

    /// `text` broken into lines no wider than `width` points, at spaces; a word longer than a
    /// line (a file's hash) is broken where it must. Each line but the last keeps its trailing
    /// space, so text copied from the PDF reads as one paragraph.
    pub fn wrap(&self, weight: Weight, size: f32, text: &str, width: f32) -> Vec<String> {
        let text = self.clean(text);
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(weight, size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(format!("{line} "));
                line.clear();
            }
            // The word alone: break it if even that is too wide.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(weight, size, &piece) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_draw_pounds_dashes_and_quotes() {
        let fonts = Fonts::new().unwrap();
        for c in ['£', '–', '—', '‘', '’', '“', '”', '…', '·', 'é'] {
            assert!(fonts.covers(c), "{c}");
        }
        assert_eq!(fonts.clean("a\nb\t→c"), "a b toc");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let fonts = Fonts::new().unwrap();
        let text = "Scenario analysis to inform a report; not a recommendation. The figures are projections under the assumptions below, not predictions.";
        let lines = fonts.wrap(Weight::Regular, 11.0, text, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(Weight::Regular, 11.0, line.trim_end()) <= 200.0);
        }
        assert_eq!(lines.concat(), text);
        // A word wider than the line (a SHA-256) is broken, not left to overflow.
        let hash = "a".repeat(64);
        let lines = fonts.wrap(Weight::Regular, 8.0, &hash, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hash);
        assert!(
            lines
                .iter()
                .all(|l| fonts.width(Weight::Regular, 8.0, l) <= 100.0)
        );
        // Wider text is wider; bold is wider than regular.
        assert!(
            fonts.width(Weight::Bold, 11.0, "Children looked after")
                > fonts.width(Weight::Regular, 11.0, "Children looked after")
        );
    }
}
