from . import quality_penalty_report
from . import quality_complaint_analysis
from . import quality_complaint_xlsx
from . import quality_complaint_ledger_xlsx
from . import quality_complaint_statistics_xlsx
from . import quality_complaint_form_report
from . import fsm_order_service_record_xlsx
from . import quality_technician_score
