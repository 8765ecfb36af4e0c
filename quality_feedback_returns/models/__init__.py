from . import res_company
from . import quality_return_slip
from . import quality_return_slip_line
from . import quality_compensation
