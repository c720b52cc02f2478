//! Child-level care histories (the SSDA903 return's episodes) and what the model takes from
//! them: codes ([`codes`]), days ([`date`]), cleaning ([`clean`]) and the fit ([`fit`]).
//! Reading the files is [`crate::io::ssda903`]'s job; nothing here touches a file.

pub mod clean;
pub mod codes;
mod count;
pub(crate) use count::band_at;
pub mod date;
pub mod fit;

pub use clean::{CareHistory, Episode, EpisodeRecord, Finding, FindingKind, SourceRow, clean};
pub use codes::{Ending, Placed};
pub use date::Date;
pub use fit::{EpisodeFit, EpisodeFitError, EpisodeFitOptions, Measured, fit_episodes};
