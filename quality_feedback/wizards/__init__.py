from . import quality_assign_departments
from . import quality_complaint_report_wizard
from . import quality_service_register
from . import quality_service_dispatch
from . import fsm_order_sign_wizard
from . import quality_service_receipt_wizard
from . import quality_feedback_slip_wizards
from . import quality_survey_send
