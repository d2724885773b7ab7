//! 1-bit images for printer graphics commands (ZPL ^GF, TSPL BITMAP).

/// A black-and-white image; `true` = a dot that prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonoBitmap {
    pub width: usize,
    pub height: usize,
    dots: Vec<bool>,
}

impl MonoBitmap {
    pub fn new(width: usize, height: usize) -> Self {
        MonoBitmap {
            width,
            height,
            dots: vec![false; width * height],
        }
    }

    /// Sets a dot; outside the image is ignored (glyph edges may poke out).
    pub fn set(&mut self, x: usize, y: usize) {
        if x < self.width && y < self.height {
            self.dots[y * self.width + x] = true;
        }
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.dots[y * self.width + x]
    }

    /// A matrix symbol scaled so each cell is `dots` x `dots`.
    pub fn from_cells(cells: &[bool], width: usize, height: usize, dots: usize) -> Self {
        let mut bitmap = MonoBitmap::new(width * dots, height * dots);
        for y in 0..height * dots {
            for x in 0..width * dots {
                if cells[(y / dots) * width + x / dots] {
                    bitmap.set(x, y);
                }
            }
        }
        bitmap
    }

    pub fn bytes_per_row(&self) -> usize {
        self.width.div_ceil(8)
    }

    /// Rows packed most significant bit first, padded to whole bytes; a set bit is
    /// `printed_bit` (ZPL prints 1s, TSPL prints 0s).
    pub fn packed_rows(&self, printed_bit: bool) -> Vec<u8> {
        let row_bytes = self.bytes_per_row();
        let mut out = Vec::with_capacity(row_bytes * self.height);
        for y in 0..self.height {
            for bx in 0..row_bytes {
                let mut byte = 0u8;
                for bit in 0..8 {
                    let x = bx * 8 + bit;
                    let dark = x < self.width && self.get(x, y);
                    if dark == printed_bit {
                        byte |= 0x80 >> bit;
                    }
                }
                out.push(byte);
            }
        }
        out
    }

    /// True when no dot prints (e.g. text made only of spaces).
    pub fn is_blank(&self) -> bool {
        !self.dots.iter().any(|&d| d)
    }
}

impl MonoBitmap {
    /// Copies the dark dots of `other` with its top-left at (x, y); what falls
    /// outside this image is dropped.
    pub fn blit(&mut self, other: &MonoBitmap, x: i64, y: i64) {
        for oy in 0..other.height {
            for ox in 0..other.width {
                let (tx, ty) = (x + ox as i64, y + oy as i64);
                if other.get(ox, oy) && tx >= 0 && ty >= 0 {
                    self.set(tx as usize, ty as usize);
                }
            }
        }
    }
}
