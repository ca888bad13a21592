//! Instruction boundaries in a user function's machine code, for the pid provider's offset
//! probes: DTrace places a probe only where an instruction starts, and `pid<N>::f:` (or a
//! glob name) makes one probe per instruction of `f`.

use iced_x86::{Decoder, DecoderOptions, Instruction};

/// The offsets, from the start of `code` (an x86-64 function), at which its instructions
/// start, in order. Decoding stops at the first byte sequence that is no instruction (data
/// or padding after the code, or an instruction cut by the function's end): the offsets past
/// it are not known to start instructions.
pub fn boundaries(code: &[u8]) -> Vec<u64> {
    let mut dec = Decoder::new(64, code, DecoderOptions::NONE);
    let mut insn = Instruction::default();
    let mut out = Vec::new();
    while dec.can_decode() {
        let at = dec.position() as u64;
        dec.decode_out(&mut insn);
        if insn.is_invalid() {
            break;
        }
        out.push(at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_a_small_function() {
        // push %rbp; mov %rsp,%rbp; mov $0x2a,%eax; pop %rbp; ret
        let code = [0x55, 0x48, 0x89, 0xe5, 0xb8, 0x2a, 0, 0, 0, 0x5d, 0xc3];
        assert_eq!(boundaries(&code), vec![0, 1, 4, 9, 10]);
    }

    #[test]
    fn stops_at_a_cut_instruction() {
        // nop; then the first two bytes of a five-byte mov.
        assert_eq!(boundaries(&[0x90, 0xb8, 0x2a]), vec![0]);
        assert_eq!(boundaries(&[]), Vec::<u64>::new());
    }
}
