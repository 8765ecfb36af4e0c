from . import res_company
from . import quality_return_slip
from . import quality_return_slip_line
from . import quality_compensation
from . import stock_warehouse
from . import stock_move
from . import stock_picking
from . import account_move
