from . import quality_penalty_report
