//! A short, seeded fuzz run in `cargo test` (so in `scripts/test.sh`): the same inputs each
//! time, every target and every oracle. The long run is `scripts/fuzz.sh`.

use retention_fuzz::rng::Rng;
use retention_fuzz::TARGETS;

/// Inputs per target, and oracle cases per target that has one.
const INPUTS: u64 = 150;

#[test]
fn every_target_holds_its_promises_on_seeded_inputs() {
    for (t, target) in TARGETS.iter().enumerate() {
        for i in 0..INPUTS {
            let seed = 0x5eed_0000 + (t as u64) * 1_000_000 + i;
            let input = (target.generate)(&mut Rng::new(seed));
            (target.run)(&input);
            if let Some(oracle) = target.oracle {
                oracle(&mut Rng::new(seed));
            }
        }
    }
}

#[test]
fn the_hostile_customer_ids_stay_text_in_both_exports() {
    // Each export in the generator's pool of hostile ids, alone in a file, through the whole
    // pipeline with the sniffed mapping (control byte 0 even): a formula in any cell fails.
    for id in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "-2+3",
    ] {
        let mut input = vec![0u8; retention_fuzz::CONTROL];
        let file = format!(
            "customer,date,amount\n\"{id}\",2024-01-05,10\n\"{id}\",2024-03-01,5\nb,2025-06-01,1\n"
        );
        input.extend_from_slice(file.as_bytes());
        retention_fuzz::pipeline(&input);
    }
}
