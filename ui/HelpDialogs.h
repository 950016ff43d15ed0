#pragma once
/// Help menu windows: "How to read this" (the conventions behind every figure) and About.

#include <QString>

class QDialog;
class QWidget;

namespace tokenomics::ui {

/// Shows the "How to read this" window (one per parent, non-modal, object name "howToRead").
QDialog* showHowToRead(QWidget* parent);

/// Shows About (non-modal, object name "about"): version, licence, libraries, the catalog.
QDialog* showAbout(QWidget* parent, const QString& catalogPath);

} // namespace tokenomics::ui
