//! The open scenarios. Never empty: it is made with one document, and closing the last one
//! replaces it. Documents are addressed by a stable [`DocumentId`], never by position, so a
//! question or a dialog answer always reaches the scenario it was about.

use super::document::Document;
pub use super::document::DocumentId;
use crate::model::Scenario;
use std::path::PathBuf;

/// The open scenarios, which one is active, and which is the comparison's reference.
pub struct Workspace {
    /// Tab order. Never empty.
    documents: Vec<Document>,
    active: DocumentId,
    reference: DocumentId,
    next_id: u64,
}

impl Workspace {
    /// A workspace with one new (unsaved) scenario.
    pub fn new(scenario: Scenario) -> Self {
        let first = Document::new(DocumentId(0), scenario, None, 0);
        Workspace {
            documents: vec![first],
            active: DocumentId(0),
            reference: DocumentId(0),
            next_id: 1,
        }
    }

    /// Every open document, in tab order (never empty).
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Every open document, for refreshing projections and history.
    pub fn documents_mut(&mut self) -> &mut [Document] {
        &mut self.documents
    }

    fn index_of(&self, id: DocumentId) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    fn active_index(&self) -> usize {
        // The active id always names an open document; the first is a safe fallback.
        self.index_of(self.active).unwrap_or(0)
    }

    /// The active document.
    pub fn active(&self) -> &Document {
        &self.documents[self.active_index()]
    }

    /// The active document, for editing.
    pub fn active_mut(&mut self) -> &mut Document {
        let index = self.active_index();
        &mut self.documents[index]
    }

    /// The active document's position in tab order (0-based).
    pub fn active_position(&self) -> usize {
        self.active_index()
    }

    /// A document by id, if still open.
    pub fn get(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// A document by id, for editing, if still open.
    pub fn get_mut(&mut self, id: DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    /// Makes `id` the active document (if open).
    pub fn activate(&mut self, id: DocumentId) {
        if self.index_of(id).is_some() {
            self.active = id;
        }
    }

    /// Makes the next document in tab order active (wrapping round).
    pub fn activate_next(&mut self) {
        let next = (self.active_index() + 1) % self.documents.len();
        self.active = self.documents[next].id;
    }

    /// The comparison's reference document (the active one if the reference was closed).
    pub fn reference(&self) -> &Document {
        self.get(self.reference).unwrap_or_else(|| self.active())
    }

    /// Sets the comparison's reference.
    pub fn set_reference(&mut self, id: DocumentId) {
        if self.index_of(id).is_some() {
            self.reference = id;
        }
    }

    fn new_document(&mut self, scenario: Scenario, path: Option<PathBuf>) -> Document {
        let id = DocumentId(self.next_id);
        self.next_id += 1;
        let used: Vec<usize> = self.documents.iter().map(|d| d.colour_index).collect();
        let colour = (0..).find(|c| !used.contains(c)).unwrap_or(0);
        Document::new(id, scenario, path, colour)
    }

    /// Opens a scenario beside the others and makes it active. Returns its id.
    pub fn add(&mut self, scenario: Scenario, path: Option<PathBuf>) -> DocumentId {
        let document = self.new_document(scenario, path);
        let id = document.id;
        self.documents.push(document);
        self.active = id;
        id
    }

    /// Replaces the active document with a new one (keeping its colour). Returns the ids of the
    /// replaced document and of the new one.
    pub fn replace_active(
        &mut self,
        scenario: Scenario,
        path: Option<PathBuf>,
    ) -> (DocumentId, DocumentId) {
        let mut document = self.new_document(scenario, path);
        let index = self.active_index();
        document.colour_index = self.documents[index].colour_index;
        let new_id = document.id;
        let old = std::mem::replace(&mut self.documents[index], document);
        self.active = new_id;
        if self.reference == old.id {
            self.reference = new_id;
        }
        (old.id, new_id)
    }

    /// Closes the active document. The last one is replaced by `replacement` instead, so the
    /// workspace is never empty. Returns the closed document's id.
    pub fn close_active(&mut self, replacement: Scenario) -> DocumentId {
        if self.documents.len() == 1 {
            return self.replace_active(replacement, None).0;
        }
        let index = self.active_index();
        let closed = self.documents.remove(index);
        self.active = self.documents[index.min(self.documents.len() - 1)].id;
        closed.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::scenario_file;

    #[test]
    fn ids_stay_with_their_documents_and_the_last_is_never_closed() {
        let norfolk = scenario_file::norfolk_2014().unwrap();
        let mut workspace = Workspace::new(norfolk.clone());
        let first = workspace.active().id;
        let second = workspace.add(norfolk.clone(), None);
        workspace.set_reference(second);
        workspace.activate(first);
        assert_eq!(workspace.close_active(norfolk.clone()), first);
        assert_eq!(workspace.active().id, second);
        assert_eq!(workspace.reference().id, second);
        let closed = workspace.close_active(norfolk.clone());
        assert_eq!(closed, second);
        assert_eq!(workspace.documents().len(), 1);
        assert_ne!(workspace.active().id, second);
        assert_eq!(workspace.reference().id, workspace.active().id);
    }
}
