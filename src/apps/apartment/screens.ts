import { z } from "zod";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulApartmentApp } from "./app.js";
import { type ApartmentView, SearchFilters } from "./model.js";

const OpenParams = z.object({ apartment_id: z.string().min(1).describe("Id of the apartment to open") });
const SearchParams = z.object(SearchFilters);

/** Opens an apartment's detail screen from any list. */
function openApartment(screen: Screen<StatefulApartmentApp>, apartmentId: string): ApartmentView {
  const details = screen.app.get_apartment_details({ apartment_id: apartmentId });
  screen.app.pushScreen(new ApartmentDetail(apartmentId));
  return details;
}

/** The app's main screen: all listings, the search and the favourites. */
export class ApartmentHome extends Screen<StatefulApartmentApp> {
  @userTool({ description: "Show all apartment listings." })
  list_apartments(): ApartmentView[] {
    return this.app.list_all_apartments();
  }

  @userTool({ description: "Open an apartment's details.", params: OpenParams })
  view_apartment(args: z.input<typeof OpenParams>): ApartmentView {
    return openApartment(this, parsed(OpenParams, args).apartment_id);
  }

  @userTool({ description: "Open the apartment search." })
  open_search(): string {
    this.app.pushScreen(new ApartmentSearch());
    return "Search Apartments view is open.";
  }

  @userTool({ description: "Open your saved (favourite) apartments." })
  open_favorites(): ApartmentView[] {
    const saved = this.app.list_saved_apartments();
    this.app.pushScreen(new ApartmentFavorites());
    return saved;
  }
}

/** Search with filters. */
export class ApartmentSearch extends Screen<StatefulApartmentApp> {
  @userTool({
    description: "Search listings; every filter is optional and only the given ones restrict the results.",
    params: SearchParams,
  })
  search(args: z.input<typeof SearchParams> = {}): ApartmentView[] {
    return this.app.search_apartments(parsed(SearchParams, args));
  }

  @userTool({ description: "Open an apartment's details.", params: OpenParams })
  view_apartment(args: z.input<typeof OpenParams>): ApartmentView {
    return openApartment(this, parsed(OpenParams, args).apartment_id);
  }
}

/** The saved apartments. */
export class ApartmentFavorites extends Screen<StatefulApartmentApp> {
  @userTool({ description: "Open a saved apartment's details.", params: OpenParams })
  view_apartment(args: z.input<typeof OpenParams>): ApartmentView {
    return openApartment(this, parsed(OpenParams, args).apartment_id);
  }
}

/** One apartment: it can be saved to or removed from favourites. */
export class ApartmentDetail extends Screen<StatefulApartmentApp> {
  constructor(readonly apartmentId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getApartment(this.apartmentId);
  }

  @userTool({ description: "Save this apartment to your favourites.", op: "write" })
  save(): string {
    return this.app.save_apartment({ apartment_id: this.apartmentId });
  }

  @userTool({ description: "Remove this apartment from your favourites.", op: "write" })
  unsave(): string {
    return this.app.remove_saved_apartment({ apartment_id: this.apartmentId });
  }
}
