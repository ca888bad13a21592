//! Parse: D source text to the syntax tree of `ast`.

pub mod ast;
