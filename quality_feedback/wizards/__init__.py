from . import quality_assign_departments
from . import quality_complaint_report_wizard
