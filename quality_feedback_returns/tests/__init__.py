from . import test_returns_rights
from . import test_translations
