//! The render guard on notebooks executed by the real evcxr kernel.
//!
//! The fixtures in `tests/fixtures/notebooks/` were executed with
//! `jupyter nbconvert --execute` on evcxr 0.22 and committed with their
//! outputs, so these tests see exactly what the kernel writes: nbconvert
//! exited 0 for every one of them except `compile-error` (which it left
//! unexecuted), yet only `passing` may pass the guard.

use newsframe::notebook::check;
use newsframe::ErrorKind;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/notebooks/{name}.ipynb")
}

/// The failing cell and message of a fixture that must fail.
fn failure(name: &str) -> (usize, String) {
    let e = check(fixture(name)).expect_err("the guard must reject this notebook");
    let text = e.to_string();
    assert!(text.starts_with(&fixture(name)), "the error names the notebook: {text}");
    match e.into_kind() {
        ErrorKind::Notebook { cell, message, .. } => (cell, message),
        other => panic!("unexpected error kind {other:?}"),
    }
}

#[test]
fn passing_notebook_with_declared_stderr_passes() {
    check(fixture("passing")).unwrap();
}

#[test]
fn failed_assertion_is_caught_in_its_cell() {
    let (cell, message) = failure("failed-assert");
    assert_eq!(cell, 1);
    assert!(message.contains("a panic") && message.contains("panicked at"), "{message}");
}

#[test]
fn err_from_question_mark_is_caught() {
    let (cell, message) = failure("err-question-mark");
    assert_eq!(cell, 1);
    assert!(message.contains("unexpected stderr: invalid digit found in string"), "{message}");
}

#[test]
fn undeclared_stderr_is_caught() {
    let (cell, message) = failure("unexpected-stderr");
    assert_eq!(cell, 1);
    assert!(message.contains("warning: something odd"), "{message}");
}

#[test]
fn a_notebook_without_the_closing_cell_is_caught() {
    // evcxr lost this cell's stderr at kernel shutdown: the outputs are
    // empty, and only the closing-cell rule notices.
    let (cell, message) = failure("missing-closing-cell");
    assert_eq!(cell, 1);
    assert!(message.contains("chapter_complete"), "{message}");
}

#[test]
fn a_cell_that_never_ran_is_caught() {
    // nbconvert stops at a compile error and leaves the notebook unexecuted.
    let (cell, message) = failure("compile-error");
    assert_eq!(cell, 1);
    assert!(message.contains("not executed"), "{message}");
}

#[test]
fn a_failed_check_on_stdout_is_caught_even_without_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nb.ipynb");
    let nb = serde_json::json!({
        "cells": [
            {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["check!(false, \"x\");"],
             "outputs": [{"output_type": "stream", "name": "stdout", "text": ["✗ finding no longer holds: x\n"]}]},
            {"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["chapter_complete();"],
             "outputs": [{"output_type": "stream", "name": "stdout", "text": ["✓ chapter complete: 0 findings checked, all hold\n"]}]}
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    });
    std::fs::write(&p, nb.to_string()).unwrap();
    let e = check(&p).unwrap_err();
    assert!(e.to_string().contains("code cell 1: a failed check: ✗ finding no longer holds: x"), "{e}");
}

#[test]
fn the_closing_tally_must_match_the_checks_printed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nb.ipynb");
    let cell = |n: u32, src: &str, out: &str| serde_json::json!({"cell_type": "code", "execution_count": n, "metadata": {}, "source": [src],
        "outputs": [{"output_type": "stream", "name": "stdout", "text": [out]}]});
    let nb = serde_json::json!({
        "cells": [cell(1, "check!(true, \"a\");", "✓ a\n"), cell(2, "check!(true, \"b\");", "✓ b\n"),
                  cell(3, "chapter_complete();", "✓ chapter complete: 1 findings checked, all hold\n")],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    });
    std::fs::write(&p, nb.to_string()).unwrap();
    let e = check(&p).unwrap_err();
    assert!(e.to_string().contains("code cell 3: the closing cell counted 1 findings, but the cells printed 2"), "{e}");
}

#[test]
fn solutions_after_their_exercises_pass_and_a_stray_one_is_caught() {
    check(fixture("solutions")).unwrap();
    assert_eq!(newsframe::notebook::solution_cells(fixture("solutions")).unwrap(), 3);
    let e = check(fixture("misplaced-solution")).expect_err("a solution cell with no exercise before it");
    let text = e.to_string();
    assert!(text.contains("misplaced-solution.ipynb") && text.contains("cell 3 (counting markdown cells)") && text.contains("must follow its exercise"), "{text}");
}

#[test]
fn restoring_cached_outputs_keeps_edited_prose_and_refuses_changed_code() {
    use newsframe::notebook::{code_digest, restore_outputs, source_digest};
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.ipynb");
    let mut nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(fixture("solutions")).unwrap()).unwrap();
    // The prose is edited and the notebook is not executed.
    nb["cells"][1]["source"] = serde_json::json!(["**Exercise 1.** What is two and two? (Reworded.)"]);
    for cell in nb["cells"].as_array_mut().unwrap().iter_mut().filter(|c| c["cell_type"] == "code") {
        cell["outputs"] = serde_json::json!([]);
        cell["execution_count"] = serde_json::Value::Null;
    }
    std::fs::write(&edited, nb.to_string()).unwrap();
    assert_eq!(code_digest(&edited).unwrap(), code_digest(fixture("solutions")).unwrap(), "the prose is not in the execution key");
    assert_ne!(source_digest(&edited).unwrap(), source_digest(fixture("solutions")).unwrap());
    assert!(check(&edited).is_err(), "unexecuted");
    assert_eq!(restore_outputs(fixture("solutions"), &edited).unwrap(), 3);
    check(&edited).unwrap();
    let text = std::fs::read_to_string(&edited).unwrap();
    assert!(text.contains("(Reworded.)") && text.contains("x = 4"), "{text}");
    assert!(text.starts_with("{\n \"cells\": [\n  {"), "written as nbformat writes it: {}", &text[..40]);
    // Changed code is not filled from a copy that ran other code.
    nb["cells"][2]["source"] = serde_json::json!(["let x = 2 + 3;\nprintln!(\"x = {x}\");"]);
    std::fs::write(&edited, nb.to_string()).unwrap();
    assert_ne!(code_digest(&edited).unwrap(), code_digest(fixture("solutions")).unwrap());
    let e = restore_outputs(fixture("solutions"), &edited).unwrap_err().to_string();
    assert!(e.contains("edited.ipynb") && e.contains("code cell 1") && e.contains("differs"), "{e}");
}
