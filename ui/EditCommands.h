#pragma once
/// Undoable edits of catalog rows: each command keeps the row before and after, and writes
/// through core's CatalogEditor on redo and undo.

#include "CatalogEditor.h"

#include <QString>
#include <functional>
#include <optional>

class QUndoCommand;

namespace tokenomics::ui {

/// Called after every write (first application, undo, redo) with its result.
using EditNotifier = std::function<void(const EditResult&)>;

/// Makes a command that turns `before` into `after` (an empty side: the row is absent, so
/// an empty `before` adds and an empty `after` removes) and applies it once. Returns nullptr
/// with *firstResult holding the refusal when the catalog refused the edit; otherwise the
/// command, already applied (its first redo() does nothing), ready for QUndoStack::push.
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<Accelerator> before,
                       std::optional<Accelerator> after, EditNotifier notify,
                       EditResult* firstResult);
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<CostBasis> before,
                       std::optional<CostBasis> after, EditNotifier notify,
                       EditResult* firstResult);
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<ProviderOffer> before,
                       std::optional<ProviderOffer> after, EditNotifier notify,
                       EditResult* firstResult);
QUndoCommand* makeEdit(CatalogEditor& editor, std::optional<ModelInfo> before,
                       std::optional<ModelInfo> after, EditNotifier notify,
                       EditResult* firstResult);

} // namespace tokenomics::ui
