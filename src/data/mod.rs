//! Data shipped with the program: every English council's published figures (DfE children
//! looked after, starts and ceased; section 251 spend and unit costs), read from
//! `assets/councils/`. Kept apart from the model (which fits scenarios from these figures but
//! never reads files) and from the window. See docs/data.md.

pub mod councils;
