//! Subsets of a corpus: the documents of one event, one outlet, one year.

use super::Corpus;
use crate::error::{Error, Result};

impl Corpus {
    /// The documents whose `column` (`doc_id` or a metadata column) equals
    /// `value`, in corpus order, with the same metadata columns and load
    /// report. An unknown column, or a value no document has, is an error
    /// that lists what there is, so a typo never gives an empty chapter.
    ///
    /// ```
    /// let corpus = newsframe::Corpus::open("seeds")?;
    /// let rt = corpus.subset("outlet", "RT")?;
    /// assert_eq!(rt.len(), 1);
    /// assert!(corpus.subset("outlet", "Pravda").is_err());
    /// # Ok::<(), newsframe::Error>(())
    /// ```
    pub fn subset(&self, column: &str, value: &str) -> Result<Corpus> {
        self.check_group(column)?;
        let documents: Vec<_> = self.documents.iter().filter(|d| self.group_of(d, column) == value).cloned().collect();
        if documents.is_empty() {
            let mut values: Vec<String> = self.documents.iter().map(|d| self.group_of(d, column)).collect();
            values.sort();
            values.dedup();
            let shown: Vec<&str> = values.iter().take(12).map(String::as_str).collect();
            return Err(Error::argument(format!(
                "no document has {column} = `{value}`; the values are: {}{}",
                shown.join(", "),
                if values.len() > shown.len() { format!(", … ({} in all)", values.len()) } else { String::new() }
            )));
        }
        let mut report = self.report.clone();
        report.n_documents = documents.len();
        Ok(Corpus { name: self.name.clone(), metadata_columns: self.metadata_columns.clone(), documents, report })
    }
}
