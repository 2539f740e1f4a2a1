"""The final report over an agreement's whole life: `build_final_report(inputs) -> FinalReport` (pure, from the
follow-up's inputs of the last year), drawn as a deck (`build_final_deck`) and an Excel workbook
(`build_final_workbook`). The deck and the workbook are imported from their modules (python-pptx and openpyxl
are slow to import)."""

from reports.final.data import CommitmentLife, FinalReport, TargetLife, Verdict, build_final_report

__all__ = ["CommitmentLife", "FinalReport", "TargetLife", "Verdict", "build_final_report"]
