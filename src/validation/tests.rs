use super::*;
use crate::dictionary::Dictionary;

fn corpus(dir: &Path) -> Corpus {
    let p = dir.join("c.csv");
    std::fs::write(
        &p,
        "doc_id,text\n\
         a,\"We probably agree. The US disagrees. Maybe later.\"\n\
         b,\"Nothing hedged here. It is certain.\"\n\
         c,\"It seems fine. Our view is clear.\"\n",
    )
    .unwrap();
    Corpus::open(&p).unwrap()
}

fn dict() -> Dictionary {
    Dictionary::from_pairs("t", [("hedge", vec!["probably", "maybe", "seems"]), ("we", vec!["we", "our"])]).unwrap()
}

fn sheet(dir: &Path, body: &str) -> PathBuf {
    let p = dir.join("coded.csv");
    std::fs::write(&p, body).unwrap();
    p
}

fn col_u64(df: &DataFrame, name: &str) -> Vec<u64> {
    df.column(name).unwrap().u64().unwrap().into_no_null_iter().collect()
}

fn col_f64(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name).unwrap().f64().unwrap().iter().collect()
}

#[test]
fn document_unit_counts_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let l = dict().lookup(&c);
    // hedge: a yes (matched: tp), b yes (not matched: fn), c no (matched: fp).
    // we: a yes (tp), b no (tn).
    let p = sheet(dir.path(), "doc_id,category,label\na,hedge,1\nb,hedge,YES\nc,hedge,false\na,we,True\nb,we,no\n");
    let coding = Coding::open(&p, &c).unwrap();
    let df = validate(&l, &coding, Unit::Document).unwrap();
    let cats: Vec<&str> = df.column("category").unwrap().str().unwrap().iter().map(Option::unwrap).collect();
    assert_eq!(cats, ["hedge", "we", "macro"]);
    assert_eq!(col_u64(&df, "tp"), [1, 1, 2]);
    assert_eq!(col_u64(&df, "fp"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "fn"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "tn"), [0, 1, 1]);
    assert_eq!(col_u64(&df, "n_units"), [3, 2, 5]);
    let p = col_f64(&df, "precision");
    assert_eq!(p[0], Some(0.5));
    assert_eq!(p[1], Some(1.0));
    assert_eq!(p[2], Some(0.75));
    assert_eq!(col_f64(&df, "f1")[0], Some(0.5));
    assert_eq!(col_f64(&df, "alpha"), [None, None, None]);
    let conf = confusion(&l, &coding, Unit::Document).unwrap();
    assert_eq!(conf.height(), 8);
    assert_eq!(col_u64(&conf, "n"), [1, 1, 1, 0, 1, 0, 0, 1]);
}

#[test]
fn sentence_and_span_units() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let l = dict().lookup(&c);
    // a's sentences: 1 "We probably agree." 2 "The US disagrees." 3 "Maybe later."
    let p = sheet(dir.path(), "doc_id,sentence_id,category,label\na,1,hedge,1\na,2,hedge,0\na,3,hedge,0\nc,2,we,1\n");
    let df = validate(&l, &Coding::open(&p, &c).unwrap(), Unit::Sentence).unwrap();
    assert_eq!(col_u64(&df, "tp"), [1, 1, 2]);
    assert_eq!(col_u64(&df, "fp"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "tn"), [1, 0, 1]);
    // Spans: "probably" is bytes 3..11 of a; a span around "The US" overlaps no match.
    let p = sheet(dir.path(), "doc_id,start,end,category,label\na,0,11,hedge,1\na,19,25,hedge,1\na,5,8,we,0\n");
    let coding = Coding::open(&p, &c).unwrap();
    let df = validate(&l, &coding, Unit::Span).unwrap();
    assert_eq!(col_u64(&df, "tp"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "fn"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "tn"), [0, 1, 1]);
    // A document sheet cannot be scored per sentence.
    let e = validate(&l, &coding, Unit::Sentence).unwrap_err().to_string();
    assert!(e.contains("coded.csv") && e.contains("sentence_id") && e.contains("--unit sentence"), "{e}");
}

#[test]
fn coders_majority_ties_and_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let l = dict().lookup(&c);
    let p = sheet(
        dir.path(),
        "doc_id,category,label,coder\n\
         a,hedge,1,ann\na,hedge,1,bob\na,hedge,0,cy\n\
         b,hedge,1,ann\nb,hedge,0,bob\n\
         c,hedge,0,ann\nc,hedge,0,bob\n\
         a,we,1,ann\nb,we,0,ann\n",
    );
    let coding = Coding::open(&p, &c).unwrap();
    assert_eq!(coding.coders(), ["ann", "bob", "cy"]);
    let df = validate(&l, &coding, Unit::Document).unwrap();
    // hedge: a gold 1 (2 of 3), b a tie (positive), c gold 0 but matched.
    assert_eq!(col_u64(&df, "tp"), [1, 1, 2]);
    assert_eq!(col_u64(&df, "fn"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "fp"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "n_ties"), [1, 0, 1]);
    assert_eq!(col_u64(&df, "n_multi_coded"), [3, 0, 3]);
    let alpha = col_f64(&df, "alpha");
    let hedge = krippendorff_alpha(
        &[vec![Some(1.0), Some(1.0), Some(0.0)], vec![Some(1.0), Some(0.0), Some(0.0)], vec![Some(0.0), None, None]],
        Level::Nominal,
    );
    assert!(hedge.is_some());
    assert_eq!(alpha[0], hedge);
    // The we category has one coder: no pairable unit, no α.
    assert_eq!(alpha[1], None);
    let by = validate_by_coder(&l, &coding, Unit::Document).unwrap();
    assert_eq!(by.height(), 4);
    let coders: Vec<&str> = by.column("coder").unwrap().str().unwrap().iter().map(Option::unwrap).collect();
    assert_eq!(coders, ["ann", "ann", "bob", "cy"]);
}

#[test]
fn bad_sheets_name_the_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let l = dict().lookup(&c);
    let err = |body: &str| Coding::open(sheet(dir.path(), body), &c).unwrap_err().to_string();
    let e = err("doc_id,category\na,hedge\n");
    assert!(e.contains("coded.csv, line 1, field `label`: no such column"), "{e}");
    let e = err("doc_id,category,label\na,hedge,1\nzz,hedge,1\n");
    assert!(e.contains("coded.csv, line 3, field `doc_id`: no document `zz`"), "{e}");
    let e = err("doc_id,category,label\na,hedge,maybe\n");
    assert!(e.contains("line 2, field `label`: `maybe` is not a label"), "{e}");
    let e = err("doc_id,category,label\na,hedge,\n");
    assert!(e.contains("line 2, field `label`: empty; code every row"), "{e}");
    let e = err("doc_id,sentence_id,category,label\na,4,hedge,1\n");
    assert!(e.contains("line 2, field `sentence_id`: `4` is not a sentence of `a` (it has sentences 1 to 3)"), "{e}");
    let e = err("doc_id,sentence_id,category,label\na,0,hedge,1\n");
    assert!(e.contains("field `sentence_id`"), "{e}");
    let e = err("doc_id,start,end,category,label\na,3,900,hedge,1\n");
    assert!(e.contains("line 2, field `end`: 900 is past the end of `a`"), "{e}");
    let e = err("doc_id,start,end,category,label\na,8,3,hedge,1\n");
    assert!(e.contains("field `end`: 3 is not after start 8"), "{e}");
    let e = err("doc_id,start,category,label\na,8,hedge,1\n");
    assert!(e.contains("field `end`: no such column"), "{e}");
    let e = err("doc_id,category,label\n\"a,hedge,1\n");
    assert!(e.contains("coded.csv") && e.contains("CSV"), "{e}");
    let e = err("doc_id,category,label\n");
    assert!(e.contains("no coded rows"), "{e}");
    // Categories are checked against the dictionary, duplicates refused.
    let coding = Coding::open(sheet(dir.path(), "doc_id,category,label\na,hedge,1\nb,boost,1\n"), &c).unwrap();
    let e = validate(&l, &coding, Unit::Document).unwrap_err().to_string();
    assert!(e.contains("coded.csv, line 3, field `category`: no category `boost` in dictionary `t`; it has: hedge, we"), "{e}");
    let coding = Coding::open(sheet(dir.path(), "doc_id,category,label\na,hedge,1\na,hedge,0\n"), &c).unwrap();
    let e = validate(&l, &coding, Unit::Document).unwrap_err().to_string();
    assert!(e.contains("line 3") && e.contains("coded twice") && e.contains("first on line 2"), "{e}");
}

#[test]
fn splitmix64_matches_the_reference_and_samples_are_reproducible() {
    // The first outputs of the reference C implementation for seed 0.
    let mut r = SplitMix64::new(0);
    assert_eq!([r.next_u64(), r.next_u64(), r.next_u64()], [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f]);
    let a = sample::draw(100, 10, 7);
    assert_eq!(a.len(), 10);
    assert!(a.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(a, sample::draw(100, 10, 7));
    assert_ne!(a, sample::draw(100, 10, 8));
    assert_eq!(sample::draw(3, 10, 7), [0, 1, 2]);
    // Every index is equally likely: over many seeds each of 10 is drawn
    // about 3 of 10 times.
    let mut hits = [0u32; 10];
    for seed in 0..2000 {
        for i in sample::draw(10, 3, seed) {
            hits[i] += 1;
        }
    }
    assert!(hits.iter().all(|&h| (500..700).contains(&h)), "{hits:?}");
}

#[test]
fn samples_are_coding_sheets_that_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let l = dict().lookup(&c);
    let mut s = sample(&l, Unit::Sentence, 4, 3, &["hedge".to_string()]).unwrap();
    assert_eq!(s.height(), 4);
    let names: Vec<&str> = s.get_column_names().iter().map(|n| n.as_str()).collect();
    assert_eq!(names, ["doc_id", "sentence_id", "category", "text", "label", "coder"]);
    assert_eq!(s, sample(&l, Unit::Sentence, 4, 3, &["hedge".to_string()]).unwrap());
    // Fill in the labels, write it, read it back.
    let n = s.height();
    s.with_column(Column::new("label".into(), vec!["yes"; n])).unwrap();
    let p = dir.path().join("sheet.csv");
    CsvWriter::new(std::fs::File::create(&p).unwrap()).finish(&mut s).unwrap();
    let df = validate(&l, &Coding::open(&p, &c).unwrap(), Unit::Sentence).unwrap();
    assert_eq!(col_u64(&df, "n_units")[0], 4);
    let spans = sample(&l, Unit::Span, 100, 1, &[]).unwrap();
    assert_eq!(spans.height(), l.matches().len());
    let docs = sample(&l, Unit::Document, 2, 1, &[]).unwrap();
    assert_eq!(docs.height(), 4);
    assert!(sample(&l, Unit::Document, 2, 1, &["nope".to_string()]).unwrap_err().to_string().contains("no category `nope`"));
}
