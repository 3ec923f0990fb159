//! The `newsframe` command: success on good input, a clear message and a
//! non-zero exit on bad input.

use std::process::Command;

fn newsframe(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsframe")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn corpus_prints_the_documents_table_and_report() {
    let (ok, out, err) = newsframe(&["corpus", "seeds"]);
    assert!(ok, "{err}");
    assert!(out.contains("shape: (5, 16)") && out.contains("moscow-post"), "{out}");
    assert!(err.starts_with("loaded 5 documents from seeds/manifest.toml (0 warnings)"), "{err}");
}

#[test]
fn corpus_csv_and_json_formats() {
    let (ok, out, _) = newsframe(&["corpus", "seeds", "--format", "csv", "--table", "chrome"]);
    assert!(ok);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("doc_id,line,kind,text"));
    assert_eq!(lines.next(), Some("moscow-post,4,teaser,Details - in the material of the correspondent of The Moscow Post."));
    let (ok, out, _) = newsframe(&["corpus", "seeds/manifest.toml", "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    assert_eq!(v[4]["doc_id"], "daryo");
    assert_eq!(v[4]["author"], "Richard Spooner");
}

#[test]
fn corpus_csv_input_with_column_options() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.csv");
    std::fs::write(&p, "ID,bias_text,content_original\n7,left,Some words here.\n").unwrap();
    let p = p.to_str().unwrap();
    let (ok, out, err) = newsframe(&["corpus", p, "--text-column", "content_original", "--id-column", "ID", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("doc_id,bias_text,title,text,chrome,n_chars,n_words,n_sentences,n_paragraphs\n7,left,,Some words here.,,16,3,1,1"), "{out}");
    let (ok, _, err) = newsframe(&["corpus", p]);
    assert!(!ok);
    assert!(err.contains("a.csv, line 1, field `text`: no such column") && err.contains("ID, bias_text, content_original"), "{err}");
}

#[test]
fn bad_input_exits_non_zero_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, "").unwrap();
    let (ok, out, err) = newsframe(&["corpus", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("newsframe: error:") && err.contains("empty.txt: the file is empty"), "{err}");
    let (ok, _, err) = newsframe(&["corpus", "no/such/corpus.toml"]);
    assert!(!ok && err.contains("no/such/corpus.toml: cannot read"), "{err}");
    let (ok, _, err) = newsframe(&["corpus", "Cargo.lock"]);
    assert!(!ok && err.contains("cannot tell how to read"), "{err}");
}

#[test]
fn statistics_subcommands_print_tables_in_every_format() {
    let (ok, out, err) = newsframe(&["keyness", "--corpus", "seeds", "--target", "rt", "--measure", "g2", "--format", "csv"]);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("feature,G2,p,n_target,n_reference,log_ratio,p_holm,p_bh"));
    assert!(lines.next().unwrap().starts_with("external,17.89"));
    let (ok, out, _) = newsframe(&["kwic", "--corpus", "seeds", "--pattern", "tokaev", "--window", "2", "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    assert_eq!(v[0]["keyword"], "Tokaev");
    for cmd in [
        vec!["terms", "--corpus", "seeds", "--format", "csv"],
        vec!["collocations", "--corpus", "seeds", "--min-count", "3", "--format", "csv"],
        vec!["readability", "--corpus", "seeds", "--format", "csv"],
        vec!["similarity", "--corpus", "seeds", "--format", "csv"],
    ] {
        let (ok, out, err) = newsframe(&cmd);
        assert!(ok, "{cmd:?}: {err}");
        assert!(out.lines().count() > 5, "{cmd:?}: {out}");
    }
    let (ok, _, err) = newsframe(&["terms", "--corpus", "seeds", "--by", "bias"]);
    assert!(!ok && err.contains("no column `bias`"), "{err}");
    let (ok, _, err) = newsframe(&["kwic", "--corpus", "seeds", "--pattern", "/(/"]);
    assert!(!ok && err.contains("bad regex"), "{err}");
}

#[test]
fn framing_subcommands() {
    let (ok, out, err) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "generic_frames", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("group,category,n,n_words,per_1000,sentences_with,n_sentences,share_sentences\n"), "{out}");
    assert_eq!(out.lines().count(), 1 + 5 * 6);
    let (ok, out, _) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "dictionaries/event_frames.toml", "--audit", "--format", "csv"]);
    assert!(ok && out.starts_with("doc_id,sentence_id,category,pattern,matched,start,end,sentence\n"));
    let (ok, out, _) = newsframe(&["actors", "--corpus", "seeds", "--table", "spellings", "--format", "csv"]);
    assert!(ok && out.contains("world-today-news,Tokayev,Tokaev,6\n"), "{out}");
    let (ok, out, _) = newsframe(&["quotes", "--corpus", "seeds", "--shares", "--format", "csv"]);
    assert!(ok && out.starts_with("group,side,n,share\n") && out.contains("world-today-news,Russian expert,"), "{out}");
    let (ok, out, _) = newsframe(&["quotes", "--corpus", "seeds", "--gazetteer", "none", "--format", "csv"]);
    assert!(ok && out.starts_with("doc_id,kind,source,source_type,source_start,source_end,cue,content_start,content_end,start,end,text,resolved,resolved_from,actor,side,evaluative,sentence_id,"), "{out}");
    assert!(out.contains(",indirect,") && out.contains(",direct,") && !out.contains(",Russian expert,"), "{out}");
    let (ok, out, _) = newsframe(&["stance", "--corpus", "seeds", "--format", "csv"]);
    assert!(ok && out.contains("daryo,first_person_singular,7,"), "{out}");
    let (ok, out, _) = newsframe(&["sentiment", "--corpus", "seeds", "--format", "csv"]);
    assert!(ok && out.starts_with("doc_id,sentence_id,compound,pos,neu,neg,text\n"));
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(rows.records().count(), 255);
    let (ok, out, _) = newsframe(&["sentiment", "--corpus", "seeds", "--tone", "--format", "csv"]);
    assert!(ok && out.starts_with("group,actor,n_mentions,mean_score,ci_low,ci_high,share_negative,share_positive,low_n\n"), "{out}");
    let (ok, out, _) = newsframe(&["claims", "--corpus", "seeds", "--compare", "--format", "csv"]);
    assert!(ok && out.contains("border_length,daryo,") && out.contains("7,600 kilometers"), "{out}");
}

#[test]
fn framing_bad_dictionaries_name_the_file() {
    let (ok, _, err) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "nope"]);
    assert!(!ok && err.contains("no shipped dictionary `nope`") && err.contains("generic_frames"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, "name = \"x\"\n[[category]]\nname = \"a\"\n").unwrap();
    let (ok, _, err) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", p.to_str().unwrap()]);
    assert!(!ok && err.contains("bad.toml") && err.contains("line"), "{err}");
    let (ok, _, err) = newsframe(&["actors", "--corpus", "seeds", "--by", "bias"]);
    assert!(!ok && err.contains("bias"), "{err}");
}

#[test]
fn stance_audit_lists_matches_and_never_the_country() {
    let (ok, out, err) = newsframe(&["stance", "--corpus", "seeds", "--audit", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("doc_id,sentence_id,category,pattern,matched,start,end,sentence\n"), "{out}");
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| &r[2] == "first_person_plural" && &r[4] == "our"));
    assert!(!rows.iter().any(|r| &r[2] == "first_person_plural" && &r[4] == "US"), "{out}");
    // The audit rows are what the scores count.
    let (_, scores, _) = newsframe(&["stance", "--corpus", "seeds", "--format", "csv"]);
    let total: u64 = csv::Reader::from_reader(scores.as_bytes()).records().map(|r| r.unwrap()[2].parse::<u64>().unwrap()).sum();
    assert_eq!(total as usize, rows.len());
}

#[test]
fn validate_scores_a_coding_sheet_and_samples_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("coded.csv");
    std::fs::write(&p, "doc_id,category,label,coder\nrt,hedge,yes,a\nrt,hedge,yes,b\ndaryo,first_person_plural,no,a\ndaryo,first_person_plural,no,b\n").unwrap();
    let p = p.to_str().unwrap();
    let (ok, out, err) = newsframe(&["validate", "--corpus", "seeds", "--dictionary", "stance", "--coded", p, "--outside-quotes", "--format", "csv"]);
    assert!(ok, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("category,n_units,tp,fp,fn,tn,precision,recall,f1,n_ties,n_multi_coded,alpha"));
    assert_eq!(lines.next(), Some("hedge,1,1,0,0,0,1.0,1.0,1.0,0,1,"));
    assert_eq!(lines.next(), Some("first_person_plural,1,0,0,0,1,,,,0,1,"));
    let (ok, out, _) = newsframe(&["validate", "--corpus", "seeds", "--dictionary", "stance", "--coded", p, "--table", "confusion", "--format", "csv"]);
    assert!(ok && out.starts_with("category,gold,predicted,n\nhedge,true,true,1\n"), "{out}");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "doc_id,category,label\nrt,hedge,1\nrt,hedges,1\n").unwrap();
    let (ok, _, err) = newsframe(&["validate", "--corpus", "seeds", "--dictionary", "stance", "--coded", bad.to_str().unwrap()]);
    assert!(!ok && err.contains("bad.csv, line 3, field `category`: no category `hedges`"), "{err}");
    let (ok, _, err) = newsframe(&["validate", "--corpus", "seeds", "--dictionary", "stance"]);
    assert!(!ok && err.contains("--coded"), "{err}");
    let args = ["validate", "--corpus", "seeds", "--dictionary", "stance", "--unit", "sentence", "--sample", "5", "--seed", "42", "--category", "hedge"];
    let (ok, a, err) = newsframe(&args);
    assert!(ok, "{err}");
    assert!(a.starts_with("doc_id,sentence_id,category,text,label,coder\n"), "{a}");
    assert_eq!(csv::Reader::from_reader(a.as_bytes()).records().count(), 5);
    let (_, b, _) = newsframe(&args);
    assert_eq!(a, b);
}

#[test]
fn entities_subcommand_mentions_summary_and_draft_gazetteer() {
    let (ok, out, err) = newsframe(&["entities", "--corpus", "seeds", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("doc_id,start,end,text,type,canonical\n"), "{out}");
    assert!(out.contains(",person,Vladimir Putin\n"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.toml");
    let (ok, out, err) = newsframe(&["entities", "--corpus", "seeds", "--table", "entities", "--format", "csv", "--draft-gazetteer", draft.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.starts_with("canonical,type,n_mentions,n_docs,spellings\n"), "{out}");
    // The drafted gazetteer drives `actors`.
    let (ok, out, err) = newsframe(&["actors", "--corpus", "seeds", "--gazetteer", draft.to_str().unwrap(), "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.contains(",Vladimir Putin,person,"), "{out}");
    let bad = dir.path().join("missing").join("draft.toml");
    let (ok, _, err) = newsframe(&["entities", "--corpus", "seeds", "--draft-gazetteer", bad.to_str().unwrap()]);
    assert!(!ok && err.contains("missing/draft.toml") && err.contains("cannot write"), "{err}");
}

#[test]
fn frames_decide_evidence_rates_and_excluded() {
    let (ok, out, err) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "generic_frames", "--decide", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("doc_id,frame,rule,n_matches,per_1000_words,score,threshold,present\n"), "{out}");
    assert_eq!(out.lines().count(), 1 + 5 * 6);
    assert_eq!(out.lines().filter(|l| l.contains(",calibrated,")).count(), 5 * 5);
    assert_eq!(out.lines().filter(|l| l.contains(",responsibility,matches_once,")).count(), 5);
    let (ok, out, _) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "event_frames", "--pattern-evidence", "--format", "csv"]);
    assert!(ok && out.starts_with("category,pattern,n_docs,n_matches,single_article,category_single_share\n"), "{out}");
    // Every Russian-threat match on the seeds rests on a single-article pattern.
    assert!(out.lines().filter(|l| l.starts_with("russian_threat,")).all(|l| l.ends_with(",1.0")), "{out}");
    let (ok, out, _) = newsframe(&["frames", "--corpus", "seeds", "--by", "outlet", "--rates", "--format", "csv"]);
    assert!(ok && out.starts_with("group,category,n,n_docs,n_words,per_1000_words,per_1000_words_low,per_1000_words_high,"), "{out}");
    let (ok, out, _) = newsframe(&["frames", "--corpus", "seeds", "--dictionary", "event_frames", "--excluded", "--format", "csv"]);
    assert!(ok && out.contains("fear of invasion from China") && out.contains("no required context"), "{out}");
    let (ok, _, err) = newsframe(&["frames", "--corpus", "seeds", "--audit", "--decide"]);
    assert!(!ok && err.contains("cannot be used with"), "{err}");
}

#[test]
fn notebooks_index_writes_the_glossary_and_site_check_fails_on_a_broken_site() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index.html");
    let (ok, _, err) = newsframe(&["notebooks", "index", "--out", index.to_str().unwrap(), "notebooks/06-voices-and-stance.ipynb"]);
    assert!(ok, "{err}");
    assert!(std::fs::read_to_string(&index).unwrap().contains("href=\"glossary.html\""), "the glossary beside the notebooks is found");
    assert!(dir.path().join("glossary.html").is_file());
    // The chapter page itself is missing: the index links to nothing.
    let (ok, _, err) = newsframe(&["notebooks", "site-check", "--no-browser", dir.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("1 problem in the rendered site") && err.contains("broken link `06-voices-and-stance.html`"), "{err}");
    std::fs::write(dir.path().join("06-voices-and-stance.html"), "<html><body><a href=\"index.html\">up</a></body></html>").unwrap();
    let (ok, _, err) = newsframe(&["notebooks", "site-check", "--no-browser", dir.path().to_str().unwrap()]);
    assert!(ok, "{err}");
    let (ok, _, err) = newsframe(&["notebooks", "site-check", "--no-browser", "no-such-folder"]);
    assert!(!ok && err.contains("no-such-folder"), "{err}");
}

/// The inaugural corpus (tests/data/quanteda) as a CSV with a `period`
/// column (pre-war, post-war: Year before or from 1945), written to `dir`;
/// with `post_war_only`, the post-war addresses alone.
fn inaugural_by_period(dir: &std::path::Path, post_war_only: bool) -> String {
    let mut r = csv::Reader::from_path("tests/data/quanteda/data_corpus_inaugural.csv").unwrap();
    let p = dir.join(if post_war_only { "post-war.csv" } else { "inaugural.csv" });
    let mut w = csv::Writer::from_path(&p).unwrap();
    w.write_record(["doc_id", "period", "text"]).unwrap();
    for row in r.deserialize::<std::collections::HashMap<String, String>>() {
        let row = row.unwrap();
        let period = if row["Year"].parse::<u32>().unwrap() < 1945 { "pre-war" } else { "post-war" };
        if !post_war_only || period == "post-war" {
            w.write_record([row["doc_id"].as_str(), period, row["text"].as_str()]).unwrap();
        }
    }
    w.flush().unwrap();
    p.to_str().unwrap().to_owned()
}

/// `feature → (statistic, p, n_target, n_reference)` of a keyness CSV.
fn keyness_rows(out: &str) -> std::collections::HashMap<String, (f64, f64, u64, u64)> {
    let mut r = csv::Reader::from_reader(out.as_bytes());
    r.records()
        .map(|row| {
            let row = row.unwrap();
            (row[0].to_owned(), (row[1].parse().unwrap(), row[2].parse().unwrap(), row[3].parse().unwrap(), row[4].parse().unwrap()))
        })
        .collect()
}

#[test]
fn keyness_with_the_quanteda_tokenizer_reproduces_quanteda() {
    let dir = tempfile::tempdir().unwrap();
    let all = inaugural_by_period(dir.path(), false);
    let args = ["keyness", "--corpus", all.as_str(), "--by", "period", "--target", "post-war", "--format", "csv"];
    let (ok, out, err) = newsframe(&[&args[..], &["--tokenizer", "quanteda"]].concat());
    assert!(ok, "{err}");
    assert!(out.starts_with("feature,chi2,p,n_target,n_reference,log_ratio,p_holm,p_bh\n"), "{out}");
    let rows = keyness_rows(&out);
    // quanteda_textstat_keyness_examples.txt: head and tail of tstat1.
    for (f, chi2, a, b) in [
        ("we", 764.4484, 1048, 779),
        (".", 300.1887, 2014, 3141),
        ("-", 205.0408, 242, 157),
        ("americans", 163.1532, 76, 7),
        ("upon", -58.39810, 39, 332),
        ("the", -331.99069, 2089, 8094),
    ] {
        let r = rows[f];
        assert_eq!((r.2, r.3), (a, b), "counts of `{f}`");
        assert!(((r.0 - chi2) / chi2).abs() < 1e-4, "chi2 of `{f}`: {} against quanteda's {chi2}", r.0);
    }
    assert_eq!(rows.len(), 9437, "quanteda's dfm has 9,437 features");
    // quanteda prints `1 - pchisq`, exact only to about 2.2e-16 absolute.
    assert!((rows["upon"].1 - 2.142730e-14).abs() < 2.3e-16, "{}", rows["upon"].1);
    // The default preset removes stopwords; keeping them, it still differs
    // from quanteda (curly apostrophes unified, punctuation dropped).
    let (ok, out, _) = newsframe(&args);
    assert!(ok);
    assert!(!keyness_rows(&out).contains_key("we"));
    let (ok, out, _) = newsframe(&[&args[..], &["--keep-stopwords"]].concat());
    assert!(ok);
    let we = keyness_rows(&out)["we"].0;
    assert!((we - 764.4484).abs() > 1.0, "{we}");
    // Trump 2017 against the other post-war addresses.
    let post = inaugural_by_period(dir.path(), true);
    let (ok, out, err) =
        newsframe(&["keyness", "--corpus", &post, "--target", "2017-Trump", "--tokenizer", "quanteda", "--format", "csv"]);
    assert!(ok, "{err}");
    let rows = keyness_rows(&out);
    for (f, chi2, p, a, b) in [("protected", 81.83024, 0.0, 5, 1), ("while", 51.79484, 6.161738e-13, 6, 7), ("will", 48.03251, 4.192091e-12, 40, 332)] {
        let r = rows[f];
        assert_eq!((r.2, r.3), (a, b), "counts of `{f}`");
        assert!(((r.0 - chi2) / chi2).abs() < 1e-4, "chi2 of `{f}`: {}", r.0);
        assert!(if p < 1e-10 { (r.1 - p).abs() < 2.3e-16 } else { ((r.1 - p) / p).abs() < 1e-4 }, "p of `{f}`: {}", r.1);
    }
}

#[test]
fn tokenizer_option_on_the_statistics_commands() {
    let (ok, out, _) = newsframe(&["keyness", "--help"]);
    assert!(ok && out.contains("--tokenizer <TOKENIZER>") && out.contains("no stopword removed"), "{out}");
    for cmd in ["terms", "similarity", "kwic", "collocations", "count"] {
        let (ok, out, _) = newsframe(&[cmd, "--help"]);
        assert!(ok && out.contains("--tokenizer"), "{cmd}: {out}");
    }
    // Punctuation is a term under quanteda's preset, not under `words`.
    let (ok, words, _) = newsframe(&["terms", "--corpus", "seeds", "--format", "csv"]);
    assert!(ok);
    let (ok, quanteda, _) = newsframe(&["terms", "--corpus", "seeds", "--tokenizer", "quanteda", "--format", "csv"]);
    assert!(ok);
    assert!(quanteda.lines().any(|l| l.starts_with("daryo,.,")) && !words.lines().any(|l| l.starts_with("daryo,.,")));
    assert!(quanteda.lines().any(|l| l.starts_with("daryo,the,")) && !words.lines().any(|l| l.starts_with("daryo,the,")));
    let (ok, out, _) = newsframe(&["kwic", "--corpus", "seeds", "--pattern", ",", "--tokenizer", "quanteda", "--format", "csv"]);
    assert!(ok && out.lines().count() > 10, "{out}");
    let (ok, _, err) = newsframe(&["terms", "--corpus", "seeds", "--tokenizer", "spacy"]);
    assert!(!ok && err.contains("spacy") && err.contains("words") && err.contains("quanteda"), "{err}");
}

/// Runs `args` with `--shard i/n --out DIR/NAME-i.parquet` for i = 1..=n and
/// returns the partials' paths.
fn shards(dir: &std::path::Path, name: &str, args: &[&str], n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| {
            let out = dir.join(format!("{name}-{i}-of-{n}.parquet")).to_str().unwrap().to_owned();
            let spec = format!("{i}/{n}");
            let (ok, stdout, err) = newsframe(&[args, &["--shard", &spec, "--out", &out]].concat());
            assert!(ok, "{args:?} --shard {spec}: {err}");
            assert!(stdout.is_empty(), "{stdout}");
            assert!(err.contains(&format!("shard {spec}:")), "{err}");
            out
        })
        .collect()
}

fn merged(partials: &[String], format: &[&str]) -> String {
    let args: Vec<&str> = ["merge"].into_iter().chain(partials.iter().map(String::as_str)).chain(format.iter().copied()).collect();
    let (ok, out, err) = newsframe(&args);
    assert!(ok, "{args:?}: {err}");
    out
}

#[test]
fn shards_merge_to_the_single_process_table_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let inaugural = inaugural_by_period(dir.path(), false);
    let jobs: Vec<(&str, Vec<&str>)> = vec![
        ("terms-seeds", vec!["terms", "--corpus", "seeds", "--by", "outlet"]),
        ("terms-inaugural", vec!["terms", "--corpus", &inaugural, "--by", "period", "--tokenizer", "quanteda"]),
        ("terms-doc", vec!["terms", "--corpus", &inaugural, "--keep-stopwords"]),
        ("keyness", vec!["keyness", "--corpus", &inaugural, "--by", "period", "--target", "post-war", "--measure", "g2"]),
        ("count-table", vec!["count", "--corpus", &inaugural, "--by", "period", "--table"]),
        ("count", vec!["count", "--corpus", "seeds"]),
    ];
    for (name, args) in &jobs {
        let (ok, single_csv, err) = newsframe(&[&args[..], &["--format", "csv"]].concat());
        assert!(ok, "{err}");
        let (ok, single_table, _) = newsframe(args);
        assert!(ok);
        assert!(single_csv.lines().count() >= 5, "{single_csv}");
        // 7 shards of the 5 seeds: two are empty, and still merge.
        for n in [1, 2, 3, 7] {
            let partials = shards(dir.path(), name, args, n);
            assert_eq!(merged(&partials, &["--format", "csv"]), single_csv, "{name}, {n} shards");
            let mut reversed = partials.clone();
            reversed.reverse();
            assert_eq!(merged(&reversed, &[]), single_table, "{name}, {n} shards, given in reverse");
        }
    }
    // The table to a file, in any format.
    let partials = shards(dir.path(), "to-file", &jobs[1].1, 3);
    let csv = dir.path().join("merged.csv");
    assert_eq!(merged(&partials, &["--format", "csv", "--out", csv.to_str().unwrap()]), "");
    let (_, single_csv, _) = newsframe(&[&jobs[1].1[..], &["--format", "csv"]].concat());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), single_csv);
}

#[test]
fn merge_refuses_partials_that_do_not_make_one_whole() {
    let dir = tempfile::tempdir().unwrap();
    let inaugural = inaugural_by_period(dir.path(), false);
    let base = ["terms", "--corpus", inaugural.as_str(), "--by", "period"];
    let p = shards(dir.path(), "words", &base, 3);
    let run = |args: &[&str]| {
        let (ok, out, err) = newsframe(args);
        assert!(!ok, "{args:?} should fail: {out}");
        assert!(out.is_empty(), "{out}");
        err
    };
    // A shard missing, or given twice.
    let err = run(&["merge", &p[0], &p[2]]);
    assert!(err.contains("shard 2/3 missing") && err.contains("partial result is not merged"), "{err}");
    let err = run(&["merge", &p[0], &p[1], &p[2], &p[1]]);
    assert!(err.contains(&format!("{}: shard 2/3 is given twice", p[1])), "{err}");
    // Another tokenizer, grouping, number of shards or command.
    let quanteda = shards(dir.path(), "quanteda", &[&base[..], &["--tokenizer", "quanteda"]].concat(), 3);
    let err = run(&["merge", &p[0], &quanteda[1], &p[2]]);
    assert!(err.contains(&format!("{}: the tokenizer is", quanteda[1])) && err.contains("cannot be merged"), "{err}");
    let stop = shards(dir.path(), "stop", &[&base[..], &["--keep-stopwords"]].concat(), 3);
    let err = run(&["merge", &p[0], &p[1], &stop[2]]);
    assert!(err.contains(&format!("{}: the tokenizer is", stop[2])), "{err}");
    let by_doc = shards(dir.path(), "doc", &["terms", "--corpus", &inaugural], 3);
    let err = run(&["merge", &p[0], &by_doc[1], &p[2]]);
    assert!(err.contains(&format!("{}: the grouping column is `doc_id`", by_doc[1])), "{err}");
    let two = shards(dir.path(), "two", &base, 2);
    let err = run(&["merge", &p[0], &two[1]]);
    assert!(err.contains(&format!("{}: the number of shards is `2`", two[1])), "{err}");
    // `count` keeps stopwords, as `terms --keep-stopwords` does: only the job differs.
    let counted = shards(dir.path(), "count", &["count", "--corpus", &inaugural, "--by", "period"], 3);
    let err = run(&["merge", &stop[0], &stop[1], &counted[2]]);
    assert!(err.contains(&counted[2]) && err.contains("the job is"), "{err}");
    // A corrupt file, a file that is not a partial, a file that is not there.
    let corrupt = dir.path().join("corrupt.parquet");
    let bytes = std::fs::read(&p[1]).unwrap();
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).unwrap();
    let corrupt = corrupt.to_str().unwrap();
    let err = run(&["merge", &p[0], corrupt, &p[2]]);
    assert!(err.contains(corrupt) && err.contains("Parquet"), "{err}");
    let table = dir.path().join("table.parquet");
    let (ok, _, err) = newsframe(&[&base[..], &["--format", "parquet", "--out", table.to_str().unwrap()]].concat());
    assert!(ok, "{err}");
    let err = run(&["merge", &p[0], table.to_str().unwrap()]);
    assert!(err.contains(table.to_str().unwrap()) && err.contains("newsframe.kind") && err.contains("not a partial"), "{err}");
    let err = run(&["merge", "no/such.parquet"]);
    assert!(err.contains("no/such.parquet"), "{err}");
    // Bad shard specs, and a shard without --out.
    for spec in ["3/2", "0/0", "0/3", "1/0", "2", "a/b", "1/3/4"] {
        let err = run(&[&base[..], &["--shard", spec, "--out", "x.parquet"]].concat());
        assert!(err.contains(&format!("`{spec}` is not a shard spec")), "{spec}: {err}");
    }
    let err = run(&[&base[..], &["--shard", "1/2"]].concat());
    assert!(err.contains("pass --out FILE"), "{err}");
}

#[test]
fn format_parquet_writes_every_table_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = newsframe(&["terms", "--corpus", "seeds", "--format", "parquet"]);
    assert!(!ok && err.contains("--format parquet") && err.contains("pass --out FILE"), "{err}");
    for (name, args) in [
        ("documents", vec!["corpus", "seeds"]),
        ("terms", vec!["terms", "--corpus", "seeds", "--by", "outlet"]),
        ("audit", vec!["frames", "--corpus", "seeds", "--dictionary", "generic_frames", "--audit"]),
    ] {
        let path = dir.path().join(format!("{name}.parquet"));
        let (ok, out, err) = newsframe(&[&args[..], &["--format", "parquet", "--out", path.to_str().unwrap()]].concat());
        assert!(ok && out.is_empty(), "{name}: {err}");
        use newsframe::polars::prelude::SerReader;
        let df = newsframe::polars::prelude::ParquetReader::new(std::fs::File::open(&path).unwrap()).finish().unwrap();
        let (ok, csv, _) = newsframe(&[&args[..], &["--format", "csv"]].concat());
        assert!(ok);
        let header = csv.lines().next().unwrap();
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        assert_eq!(names.join(","), header, "{name}");
        assert_eq!(df.height(), csv::Reader::from_reader(csv.as_bytes()).records().count(), "{name}");
    }
}

#[test]
fn new_notebook_writes_the_template_pointed_at_a_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.ipynb");
    let (ok, _, err) = newsframe(&["new-notebook", out.to_str().unwrap(), "--corpus", "seeds"]);
    assert!(ok, "{err}");
    let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let code: Vec<String> = nb["cells"].as_array().unwrap().iter().filter(|c| c["cell_type"] == "code")
        .map(|c| c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()).collect();
    let seeds = std::fs::canonicalize("seeds").unwrap();
    let crate_dir = std::fs::canonicalize(".").unwrap();
    assert!(code.iter().any(|c| c.contains(&format!("let corpus_path = {:?};", seeds.to_str().unwrap()))), "{code:?}");
    assert!(code[0].contains(&format!(":dep newsframe = {{ path = \"{}\", default-features = false }}", crate_dir.display())), "{}", code[0]);
    assert!(!code.iter().any(|c| c.contains("\"../seeds\"")));
    assert!(nb["cells"].as_array().unwrap().iter().filter(|c| c["cell_type"] == "code").all(|c| c["outputs"] == serde_json::json!([]) && c["execution_count"].is_null()));
    // Not over an existing file; a missing corpus is named.
    let (ok, _, err) = newsframe(&["new-notebook", out.to_str().unwrap(), "--corpus", "seeds"]);
    assert!(!ok && err.contains("already exists"), "{err}");
    let (ok, _, err) = newsframe(&["new-notebook", dir.path().join("b.ipynb").to_str().unwrap(), "--corpus", "no/such/folder"]);
    assert!(!ok && err.contains("no/such/folder"), "{err}");
}

#[test]
fn collocations_streamed_equal_the_library_on_the_corpus_loaded_whole() {
    // The command reads its corpus in batches and keeps only word ids; the
    // rows must be those of `collocations_table` on the whole corpus, byte
    // for byte, for every size (the CSV is what a user gets).
    use newsframe::polars::prelude::*;
    use newsframe::tokens::{Tokenizer, Tokens};
    let csv = |mut df: DataFrame| {
        let mut out = Vec::new();
        CsvWriter::new(&mut out).finish(&mut df).unwrap();
        String::from_utf8(out).unwrap()
    };
    let spec = newsframe::TableSpec::new("text", "doc_id");
    for (path, table, sizes) in [("seeds", false, vec![2, 3, 4]), ("tests/data/quanteda/data_corpus_inaugural.csv", true, vec![2, 3])] {
        let corpus = if table { newsframe::Corpus::options().table(&spec).open(path).unwrap() } else { newsframe::Corpus::open(path).unwrap() };
        let tokens = Tokens::new(&corpus, &Tokenizer::quanteda());
        for size in sizes {
            let expected = csv(newsframe::statistics::collocations_table(&tokens, size, 2).unwrap());
            let size_arg = size.to_string();
            let mut args = vec!["collocations", "--corpus", path, "--size", size_arg.as_str(), "--min-count", "2", "--format", "csv"];
            if table {
                args.extend(["--text-column", "text", "--id-column", "doc_id"]);
            }
            let (ok, out, err) = newsframe(&args);
            assert!(ok, "{path} size {size}: {err}");
            assert!(out.lines().count() > 10, "{path} size {size}");
            assert!(out == expected, "{path} size {size}: the streamed rows differ from the library's");
        }
    }
}
