<?xml version="1.0" encoding="UTF-8"?>
<!-- The console's catalog: categories in their order (create, rename,
     move up and down) and every product, newest first, filtered by name,
     category, vendor, listed or not and delivery mode. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin-catalog.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.nav.catalog')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:value-of select="m:t('admin.nav.catalog')"/></h1>
    <xsl:apply-templates select="categories" mode="table"/>
    <xsl:call-template name="new-category"/>
    <xsl:apply-templates select="products" mode="list"/>
  </xsl:template>

  <xsl:template match="categories" mode="table">
    <h2 id="categories"><xsl:value-of select="m:t('admin.catalog.categories')"/></h2>
    <xsl:choose>
      <xsl:when test="category">
        <div class="table-scroll">
          <table class="data admin-table categories">
            <thead>
              <tr>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.catalog.position')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.slug')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.names')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.catalog.products_n')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.order')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="category">
                <xsl:variable name="failed" select="/page/form[@failed][@target = 'category-rename' and @id = current()/@id]"/>
                <tr id="category-{@id}">
                  <td class="num"><xsl:value-of select="@position"/></td>
                  <td><a href="/categories/{@slug}"><code><xsl:value-of select="@slug"/></code></a></td>
                  <td>
                    <form class="inline-form rename" action="/admin/categories/{@id}" method="post">
                      <xsl:call-template name="admin-csrf"/>
                      <xsl:call-template name="rename-input">
                        <xsl:with-param name="failed" select="$failed"/>
                        <xsl:with-param name="name" select="'name_zh'"/>
                        <xsl:with-param name="value" select="name-zh"/>
                        <xsl:with-param name="label" select="m:t('admin.catalog.name_zh')"/>
                      </xsl:call-template>
                      <xsl:call-template name="rename-input">
                        <xsl:with-param name="failed" select="$failed"/>
                        <xsl:with-param name="name" select="'name_en'"/>
                        <xsl:with-param name="value" select="name-en"/>
                        <xsl:with-param name="label" select="m:t('admin.catalog.name_en')"/>
                      </xsl:call-template>
                      <button type="submit"><xsl:value-of select="m:t('admin.catalog.rename')"/></button>
                    </form>
                  </td>
                  <td class="num">
                    <a href="/admin/catalog?category={@id}"><xsl:value-of select="@listed"/> / <xsl:value-of select="@products"/></a>
                  </td>
                  <td>
                    <xsl:call-template name="move">
                      <xsl:with-param name="dir" select="'up'"/>
                      <xsl:with-param name="edge" select="@first = 'yes'"/>
                    </xsl:call-template>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="move">
                      <xsl:with-param name="dir" select="'down'"/>
                      <xsl:with-param name="edge" select="@last = 'yes'"/>
                    </xsl:call-template>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.catalog.no_categories')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One name of a category's rename form, with its error when this
       form failed. -->
  <xsl:template name="rename-input">
    <xsl:param name="failed"/>
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <xsl:variable name="id" select="concat($name, '-', @id)"/>
    <input type="text" name="{$name}" id="{$id}" maxlength="100" required="required" aria-label="{$label}">
      <xsl:attribute name="value">
        <xsl:choose>
          <xsl:when test="$failed"><xsl:value-of select="$failed/field[@name = $name]"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="$failed and /page/form-error[@field = $name]">
        <xsl:attribute name="aria-invalid">true</xsl:attribute>
        <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error</xsl:attribute>
      </xsl:if>
    </input>
    <xsl:call-template name="cat-error">
      <xsl:with-param name="form" select="$failed"/>
      <xsl:with-param name="field" select="$name"/>
      <xsl:with-param name="id" select="$id"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="move">
    <xsl:param name="dir"/>
    <xsl:param name="edge"/>
    <form class="inline-form" action="/admin/categories/{@id}/move" method="post">
      <xsl:call-template name="admin-csrf"/>
      <input type="hidden" name="dir" value="{$dir}"/>
      <button type="submit" title="{m:t(concat('admin.catalog.move_', $dir))}" aria-label="{m:t(concat('admin.catalog.move_', $dir))}">
        <xsl:if test="$edge"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$dir = 'up'">↑</xsl:when>
          <xsl:otherwise>↓</xsl:otherwise>
        </xsl:choose>
      </button>
    </form>
  </xsl:template>

  <xsl:template name="new-category">
    <xsl:variable name="failed" select="/page/form[@failed][@target = 'category']"/>
    <h3 id="new-category"><xsl:value-of select="m:t('admin.catalog.new_category')"/></h3>
    <form class="admin-form" action="/admin/categories" method="post">
      <xsl:call-template name="admin-csrf"/>
      <xsl:call-template name="cat-input">
        <xsl:with-param name="form" select="$failed"/>
        <xsl:with-param name="name" select="'slug'"/>
        <xsl:with-param name="label" select="m:t('admin.catalog.slug')"/>
        <xsl:with-param name="max" select="64"/>
        <xsl:with-param name="required" select="true()"/>
        <xsl:with-param name="hint" select="m:t('admin.catalog.slug_hint')"/>
      </xsl:call-template>
      <xsl:call-template name="cat-input">
        <xsl:with-param name="form" select="$failed"/>
        <xsl:with-param name="name" select="'name_zh'"/>
        <xsl:with-param name="label" select="m:t('admin.catalog.name_zh')"/>
        <xsl:with-param name="max" select="100"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="cat-input">
        <xsl:with-param name="form" select="$failed"/>
        <xsl:with-param name="name" select="'name_en'"/>
        <xsl:with-param name="label" select="m:t('admin.catalog.name_en')"/>
        <xsl:with-param name="max" select="100"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <div class="admin-actions">
        <button type="submit" class="primary"><xsl:value-of select="m:t('admin.catalog.create_category')"/></button>
      </div>
    </form>
  </xsl:template>

  <xsl:template match="products" mode="list">
    <h2 id="products"><xsl:value-of select="m:t('admin.catalog.products')"/></h2>
    <div class="admin-actions">
      <a class="button primary" href="/admin/products/new"><xsl:value-of select="m:t('admin.catalog.new_product')"/></a>
    </div>
    <form class="admin-filters" action="/admin/catalog" method="get">
      <label><span><xsl:value-of select="m:t('admin.catalog.q')"/></span><input type="search" name="q" maxlength="100" value="{@q}"/></label>
      <label><span><xsl:value-of select="m:t('admin.catalog.category')"/></span>
        <xsl:call-template name="cat-category-select">
          <xsl:with-param name="selected" select="@category"/>
          <xsl:with-param name="any" select="m:t('admin.catalog.any')"/>
        </xsl:call-template>
      </label>
      <label><span><xsl:value-of select="m:t('admin.vendor')"/></span><input type="text" name="vendor" maxlength="64" list="vendor-slugs" value="{@vendor}"/></label>
      <datalist id="vendor-slugs">
        <xsl:for-each select="/page/vendors/vendor"><option value="{@slug}"><xsl:call-template name="cat-name"/></option></xsl:for-each>
      </datalist>
      <label><span><xsl:value-of select="m:t('admin.catalog.listed')"/></span>
        <select name="listed">
          <option value=""><xsl:value-of select="m:t('admin.catalog.any')"/></option>
          <option value="yes"><xsl:if test="@listed = 'yes'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="m:t('admin.catalog.listed.yes')"/></option>
          <option value="no"><xsl:if test="@listed = 'no'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="m:t('admin.catalog.listed.no')"/></option>
        </select>
      </label>
      <label><span><xsl:value-of select="m:t('admin.catalog.mode')"/></span>
        <select name="mode">
          <option value=""><xsl:value-of select="m:t('admin.catalog.any')"/></option>
          <option value="auto"><xsl:if test="@mode = 'auto'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="m:t('delivery.auto')"/></option>
          <option value="manual"><xsl:if test="@mode = 'manual'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="m:t('delivery.manual')"/></option>
        </select>
      </label>
      <button type="submit"><xsl:value-of select="m:t('admin.filter')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="product">
        <div class="table-scroll">
          <table class="data admin-table products">
            <thead>
              <tr>
                <th scope="col" class="num">ID</th>
                <th scope="col"><xsl:value-of select="m:t('admin.product')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.vendor')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.category')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.mode')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.catalog.listed')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.catalog.price_from')"/></th>
                <th scope="col" class="num"><xsl:value-of select="m:t('admin.catalog.active_specs')"/></th>
                <th scope="col"><xsl:value-of select="m:t('admin.created')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="product">
                <tr id="product-{@id}">
                  <td class="num"><xsl:value-of select="@id"/></td>
                  <td><a href="/admin/products/{@id}"><xsl:call-template name="cat-name"><xsl:with-param name="both" select="true()"/></xsl:call-template></a></td>
                  <td><a href="/admin/vendors/{@vendor}"><xsl:value-of select="@vendor"/></a></td>
                  <td><xsl:call-template name="cat-name"><xsl:with-param name="of" select="category"/></xsl:call-template></td>
                  <td>
                    <span class="badge badge-{@delivery}"><xsl:value-of select="m:t(concat('delivery.', @delivery))"/></span>
                    <xsl:if test="@free-login = '1'"><span class="badge badge-sso"><xsl:value-of select="m:t('product.free_login')"/></span></xsl:if>
                  </td>
                  <td><xsl:call-template name="cat-listed"><xsl:with-param name="listed" select="@listed"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="money"><xsl:with-param name="v" select="price-from"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@specs"/></td>
                  <td><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:call-template name="admin-pager"><xsl:with-param name="list" select="."/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="m:t('admin.catalog.no_products')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
