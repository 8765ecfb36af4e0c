from . import test_returns_rights
from . import test_translations
from . import test_return_slip
from . import test_return_receipt
from . import test_return_credit_note
from . import test_return_after_receipt
from . import test_tour_return_receipt
