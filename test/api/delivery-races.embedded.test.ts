import { deliveryRacesSuite } from './delivery-races.suite';

deliveryRacesSuite('memory');
