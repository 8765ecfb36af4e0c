from . import test_access_levels
from . import test_translations
from . import test_tour_helpdesk
